package io.github.appendlog.credentials;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the replies the network sources get: the flat credentials object of instance metadata and
 * of a credentials URI ({@code Code} must be {@code Success}), the {@code Credentials} object of an
 * STS reply, and the POP error object ({@code Code}, {@code Message}, {@code RequestId}) of an STS
 * refusal. {@code Expiration} must read {@code yyyy-MM-ddTHH:mm:ssZ} (UTC, whole seconds) and lie in
 * the future. Messages begin with the source's description and never quote a secret or a token.
 */
final class CredentialsReplies {
    /** {@code yyyy-MM-dd'T'HH:mm:ss'Z'} in UTC, the only form Alibaba Cloud's credential replies use. */
    static final DateTimeFormatter SECONDS_UTC = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss'Z'", Locale.ROOT)
            .withZone(ZoneOffset.UTC).withResolverStyle(ResolverStyle.STRICT);

    private CredentialsReplies() {
    }

    /**
     * The credentials in an instance-metadata or credentials-URI reply:
     * {@code {"Code":"Success","AccessKeyId":..,"AccessKeySecret":..,"SecurityToken":..,"Expiration":..}}.
     */
    static Credentials flat(String body, String what, Clock clock) throws IOException {
        Map<String, Object> reply = JsonReader.object(body, what + ": the reply");
        Object code = reply.get("Code");
        if (!"Success".equals(code)) {
            Object message = reply.get("Message");
            throw new IOException(what + ": the reply's Code is " + (code == null ? "missing" : "'" + code + "'")
                    + ", not 'Success'" + (message instanceof String ? " (" + message + ")" : ""));
        }
        return credentials(reply, what, "", clock);
    }

    /** The credentials in an STS reply: {@code {"Credentials":{"AccessKeyId":..,...},...}}. */
    static Credentials sts(String body, String what, Clock clock) throws IOException {
        Map<String, Object> reply = JsonReader.object(body, what + ": the reply");
        Object inner = reply.get("Credentials");
        if (!(inner instanceof Map)) {
            throw new IOException(what + ": the reply has no Credentials object"
                    + (reply.get("RequestId") instanceof String ? " (RequestId " + reply.get("RequestId") + ")" : ""));
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> credentials = (Map<String, Object>) inner;
        return credentials(credentials, what, "Credentials.", clock);
    }

    private static Credentials credentials(Map<String, Object> fields, String what, String prefix, Clock clock)
            throws IOException {
        String id = field(fields, "AccessKeyId", what, prefix);
        String secret = field(fields, "AccessKeySecret", what, prefix);
        String token = field(fields, "SecurityToken", what, prefix);
        Instant expiration = expiration(field(fields, "Expiration", what, prefix), what);
        Instant now = clock.instant();
        if (!expiration.isAfter(now)) {
            throw new IOException(what + ": the credentials for key " + id + " expired at " + expiration
                    + " already (the clock reads " + now.truncatedTo(java.time.temporal.ChronoUnit.SECONDS) + ")");
        }
        return new Credentials(id, secret, token, expiration);
    }

    private static String field(Map<String, Object> fields, String name, String what, String prefix)
            throws IOException {
        Object value = fields.get(name);
        if (!(value instanceof String) || ((String) value).isEmpty()) {
            throw new IOException(what + ": the reply " + (value == null ? "lacks " : "has no usable ") + prefix + name);
        }
        return (String) value;
    }

    /** {@code text} as {@code yyyy-MM-ddTHH:mm:ssZ}; fractional seconds or an offset are refused. */
    static Instant expiration(String text, String what) throws IOException {
        try {
            return SECONDS_UTC.parse(text, Instant::from);
        } catch (DateTimeParseException e) {
            throw new IOException(what + ": the reply's Expiration '" + text
                    + "' is not of the form yyyy-MM-ddTHH:mm:ssZ (UTC, whole seconds)");
        }
    }

    /** {@code instant} as {@code yyyy-MM-ddTHH:mm:ssZ} (the STS {@code Timestamp} parameter). */
    static String timestamp(Instant instant) {
        return SECONDS_UTC.format(instant);
    }

    /**
     * What a refusal says: {@code HTTP 400 InvalidParameter: <Message> (RequestId ...)} from a POP error
     * body, else the status alone. The message is cut before any "string to sign" (STS quotes the
     * signed parameters, a security token among them) and each of {@code secrets} is masked.
     */
    static String refusal(int status, String body, String... secrets) {
        Map<String, Object> error;
        try {
            error = JsonReader.object(body, "the reply");
        } catch (IOException notJson) {
            return "HTTP " + status + " (the reply is not a JSON error)";
        }
        StringBuilder out = new StringBuilder("HTTP ").append(status);
        if (error.get("Code") instanceof String) {
            out.append(' ').append(error.get("Code"));
        }
        if (error.get("Message") instanceof String) {
            String message = (String) error.get("Message");
            int signed = message.toLowerCase(Locale.ROOT).indexOf("string to sign");
            if (signed >= 0) {
                message = message.substring(0, signed).trim() + " [string to sign left out]";
            }
            out.append(": ").append(mask(message, secrets));
        }
        if (error.get("RequestId") instanceof String) {
            out.append(" (RequestId ").append(error.get("RequestId")).append(')');
        }
        return out.toString();
    }

    /** {@code text} with every secret, as is and percent-encoded once and twice, replaced by {@code ****}. */
    static String mask(String text, String... secrets) {
        for (String secret : secrets) {
            if (secret == null || secret.isEmpty()) {
                continue;
            }
            String once = io.github.appendlog.oss.sign.RpcSignature.percentEncode(secret);
            String twice = io.github.appendlog.oss.sign.RpcSignature.percentEncode(once);
            text = text.replace(twice, "****").replace(once, "****").replace(secret, "****");
        }
        return text;
    }
}
