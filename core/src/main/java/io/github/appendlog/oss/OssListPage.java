package io.github.appendlog.oss;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One page of a ListObjectsV2 reply ({@code ListBucketResult}) asked for with
 * {@code encoding-type=url}: the objects (keys percent-decoded, size, last modified, type), whether more pages follow, and the token
 * that asks for the next one. Read with a tolerant scan of the few elements it needs.
 */
final class OssListPage {
    private static final Pattern CONTENTS = Pattern.compile("<Contents>(.*?)</Contents>", Pattern.DOTALL);
    private static final Pattern KEY = Pattern.compile("<Key>(.*?)</Key>", Pattern.DOTALL);
    private static final Pattern SIZE = Pattern.compile("<Size>\\s*([0-9]+)\\s*</Size>");
    private static final Pattern LAST_MODIFIED = Pattern.compile("<LastModified>\\s*(.*?)\\s*</LastModified>",
            Pattern.DOTALL);
    private static final Pattern TYPE = Pattern.compile("<Type>\\s*(.*?)\\s*</Type>", Pattern.DOTALL);
    private static final Pattern TRUNCATED = Pattern.compile("<IsTruncated>\\s*(true|false)\\s*</IsTruncated>");
    private static final Pattern TOKEN = Pattern.compile("<NextContinuationToken>(.*?)</NextContinuationToken>",
            Pattern.DOTALL);
    private static final Pattern URL_ENCODED = Pattern.compile("<EncodingType>\\s*url\\s*</EncodingType>");

    private final List<OssObjectSummary> objects;
    private final String nextToken;

    private OssListPage(List<OssObjectSummary> objects, String nextToken) {
        this.objects = objects;
        this.nextToken = nextToken;
    }

    /** @throws IllegalArgumentException when the body is not a listing or a truncated one has no token */
    static OssListPage parse(byte[] body) {
        String xml = new String(body, StandardCharsets.UTF_8);
        if (!xml.contains("<ListBucketResult")) {
            throw new IllegalArgumentException("the reply is not a ListBucketResult");
        }
        boolean urlEncoded = URL_ENCODED.matcher(xml).find();
        List<OssObjectSummary> objects = new ArrayList<>();
        Matcher m = CONTENTS.matcher(xml);
        while (m.find()) {
            String contents = m.group(1);
            String key = element(KEY, contents);
            if (key == null) {
                throw new IllegalArgumentException("a <Contents> of the listing has no <Key>");
            }
            String size = element(SIZE, contents);
            objects.add(new OssObjectSummary(urlEncoded ? percentDecode(key) : key,
                    size == null ? -1 : Long.parseLong(size), element(LAST_MODIFIED, contents), element(TYPE, contents)));
        }
        Matcher t = TRUNCATED.matcher(xml);
        boolean truncated = t.find() && t.group(1).equals("true");
        String token = null;
        if (truncated) {
            Matcher tm = TOKEN.matcher(xml);
            if (!tm.find() || tm.group(1).trim().isEmpty()) {
                throw new IllegalArgumentException("the listing is truncated but has no NextContinuationToken");
            }
            token = unescapeXml(tm.group(1).trim());
        }
        return new OssListPage(Collections.unmodifiableList(objects), token);
    }

    /** The unescaped text of {@code element}'s first match in {@code xml}, or null. */
    private static String element(Pattern element, String xml) {
        Matcher m = element.matcher(xml);
        return m.find() ? unescapeXml(m.group(1)) : null;
    }

    List<OssObjectSummary> objects() {
        return objects;
    }

    /** The continuation token of the next page, or null when this is the last page. */
    String nextToken() {
        return nextToken;
    }

    static String unescapeXml(String s) {
        return s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&apos;", "'")
                .replace("&amp;", "&");
    }

    /** {@code %XX} sequences to UTF-8 bytes; a {@code +} stays a {@code +}. */
    static String percentDecode(String s) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%' && i + 2 < s.length()
                    && Character.digit(s.charAt(i + 1), 16) >= 0 && Character.digit(s.charAt(i + 2), 16) >= 0) {
                out.write(Character.digit(s.charAt(i + 1), 16) * 16 + Character.digit(s.charAt(i + 2), 16));
                i += 2;
            } else {
                out.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        return new String(out.toByteArray(), StandardCharsets.UTF_8);
    }
}
