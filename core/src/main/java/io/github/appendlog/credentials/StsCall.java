package io.github.appendlog.credentials;

import io.github.appendlog.oss.sign.RpcSignature;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Collections;
import java.util.Map;

/**
 * One STS request of the role sources: a POST to {@code <sts>/?<query>} with a form body, 5 s to
 * connect and 10 s for the reply, whose {@code Credentials} become the result. Only non-secret
 * parameters go in the query (HttpClient may log a request line); a refusal's message is the POP
 * error's code, message and request id, with the listed secrets masked.
 */
final class StsCall {
    static final String VERSION = "2015-04-01";
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(10);

    private StsCall() {
    }

    /**
     * @param what the source's description, the start of every message
     * @param secrets values to mask should a refusal quote them
     */
    static Credentials post(CredentialsHttp http, URI sts, Map<String, String> query, Map<String, String> form,
            String what, Clock clock, String... secrets) throws IOException {
        URI url = URI.create(sts + "/?" + encode(query));
        String action = query.getOrDefault("Action", "STS");
        CredentialsHttp.Reply reply;
        try {
            reply = http.send("POST", url, Collections.emptyMap(), encode(form), CONNECT_TIMEOUT, RESPONSE_TIMEOUT);
        } catch (IOException e) {
            throw new IOException(what + ": STS " + action + " failed: " + CredentialsReplies.mask(e.getMessage(), secrets),
                    e);
        }
        if (reply.status != 200) {
            throw new IOException(what + ": STS " + action + " at " + CredentialsHttp.safe(url) + " refused: "
                    + CredentialsReplies.refusal(reply.status, reply.body, secrets));
        }
        return CredentialsReplies.sts(reply.body, what, clock);
    }

    /** {@code name=value&...} in the map's order, each percent-encoded as RFC 3986 wants; empty values left out. */
    static String encode(Map<String, String> parameters) {
        StringBuilder out = new StringBuilder();
        for (Map.Entry<String, String> p : parameters.entrySet()) {
            if (p.getValue() == null || p.getValue().isEmpty()) {
                continue;
            }
            if (out.length() > 0) {
                out.append('&');
            }
            out.append(RpcSignature.percentEncode(p.getKey())).append('=').append(RpcSignature.percentEncode(p.getValue()));
        }
        return out.toString();
    }
}
