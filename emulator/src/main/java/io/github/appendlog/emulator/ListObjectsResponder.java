package io.github.appendlog.emulator;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.StringEntity;

/**
 * ListObjects ({@code GET /bucket/?prefix=&marker=}) and ListObjectsV2 ({@code list-type=2},
 * {@code continuation-token}, {@code start-after}, {@code fetch-owner}), with {@code delimiter},
 * {@code max-keys} (default 100, at most 1000) and {@code encoding-type=url}, answering the
 * {@code ListBucketResult} XML of OSS.
 */
final class ListObjectsResponder {
    private static final String OWNER_ID = "appendlog-emulator";
    private final ObjectStore store;

    ListObjectsResponder(ObjectStore store) {
        this.store = store;
    }

    Reply list(OssRequest r) {
        boolean v2 = "2".equals(r.param("list-type"));
        String prefix = orEmpty(r.param("prefix"));
        String delimiter = orEmpty(r.param("delimiter"));
        boolean urlEncoding = "url".equals(r.param("encoding-type"));
        int maxKeys;
        try {
            maxKeys = r.param("max-keys") == null ? 100 : Integer.parseInt(r.param("max-keys"));
        } catch (NumberFormatException e) {
            maxKeys = -1;
        }
        if (maxKeys < 0 || maxKeys > 1000) {
            return Reply.error(OssError.invalidArgument("max-keys must be between 0 and 1000.", "max-keys",
                    r.param("max-keys")));
        }
        String token = r.param("continuation-token");
        String after = v2 ? (token != null && !token.isEmpty() ? decodeToken(token) : r.param("start-after"))
                : r.param("marker");
        after = after == null || after.isEmpty() ? null : after;

        List<ObjectSnapshot> contents = new ArrayList<>();
        Set<String> commonPrefixes = new LinkedHashSet<>();
        String last = null;
        boolean truncated = false;
        for (Iterator<ObjectSnapshot> it = store.iterate(r.bucket(), prefix, after); it.hasNext(); ) {
            ObjectSnapshot s = it.next();
            String commonPrefix = commonPrefix(s.key(), prefix, delimiter);
            if (commonPrefix != null && (commonPrefixes.contains(commonPrefix)
                    || (after != null && commonPrefix.compareTo(after) <= 0))) {
                continue;
            }
            if (contents.size() + commonPrefixes.size() >= maxKeys) {
                truncated = true;
                break;
            }
            if (commonPrefix != null) {
                commonPrefixes.add(commonPrefix);
                last = commonPrefix;
            } else {
                contents.add(s);
                last = s.key();
            }
        }

        StringBuilder x = new StringBuilder(1024);
        x.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ListBucketResult>\n");
        ErrorXml.element(x, "Name", r.bucket());
        ErrorXml.element(x, "Prefix", enc(prefix, urlEncoding));
        if (v2) {
            if (r.param("start-after") != null) {
                ErrorXml.element(x, "StartAfter", enc(r.param("start-after"), urlEncoding));
            }
            if (token != null) {
                ErrorXml.element(x, "ContinuationToken", token);
            }
        } else {
            ErrorXml.element(x, "Marker", enc(orEmpty(r.param("marker")), urlEncoding));
        }
        ErrorXml.element(x, "MaxKeys", Integer.toString(maxKeys));
        ErrorXml.element(x, "Delimiter", enc(delimiter, urlEncoding));
        if (urlEncoding) {
            ErrorXml.element(x, "EncodingType", "url");
        }
        ErrorXml.element(x, "IsTruncated", Boolean.toString(truncated));
        if (truncated && v2) {
            ErrorXml.element(x, "NextContinuationToken", encodeToken(last));
        } else if (truncated) {
            ErrorXml.element(x, "NextMarker", enc(last, urlEncoding));
        }
        if (v2) {
            ErrorXml.element(x, "KeyCount", Integer.toString(contents.size() + commonPrefixes.size()));
        }
        boolean owner = !v2 || "true".equals(r.param("fetch-owner"));
        for (ObjectSnapshot s : contents) {
            x.append("  <Contents>\n");
            ErrorXml.element(x, "Key", enc(s.key(), urlEncoding));
            ErrorXml.element(x, "LastModified", HttpDates.iso(s.lastModifiedMillis()));
            ErrorXml.element(x, "ETag", s.etag());
            ErrorXml.element(x, "Type", s.type().wireName());
            ErrorXml.element(x, "Size", Long.toString(s.length()));
            ErrorXml.element(x, "StorageClass", "Standard");
            if (owner) {
                x.append("  <Owner>\n");
                ErrorXml.element(x, "ID", OWNER_ID);
                ErrorXml.element(x, "DisplayName", OWNER_ID);
                x.append("  </Owner>\n");
            }
            x.append("  </Contents>\n");
        }
        for (String p : commonPrefixes) {
            x.append("  <CommonPrefixes>\n");
            ErrorXml.element(x, "Prefix", enc(p, urlEncoding));
            x.append("  </CommonPrefixes>\n");
        }
        x.append("</ListBucketResult>\n");
        return Reply.ok(200).entity(new StringEntity(x.toString(), ContentType.APPLICATION_XML));
    }

    private static String commonPrefix(String key, String prefix, String delimiter) {
        if (delimiter.isEmpty()) {
            return null;
        }
        int at = key.indexOf(delimiter, prefix.length());
        return at < 0 ? null : key.substring(0, at + delimiter.length());
    }

    private static String enc(String s, boolean url) {
        return url ? PercentCodec.encode(s, true) : s;
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    private static String encodeToken(String key) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(key.getBytes(StandardCharsets.UTF_8));
    }

    private static String decodeToken(String token) {
        try {
            return new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return token;
        }
    }
}
