package io.github.appendlog.config;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The region of an OSS endpoint, inferred only where the host names it unambiguously: the whole host
 * is {@code oss-<region>.aliyuncs.com} or {@code oss-<region>-internal.aliyuncs.com}, and the region
 * has the shape of a region id ({@code cn-hangzhou}, {@code ap-southeast-1}: letters, then at least
 * one {@code -part}). The acceleration endpoints ({@code oss-accelerate.aliyuncs.com},
 * {@code oss-accelerate-overseas.aliyuncs.com}), any other {@code aliyuncs.com} host, custom domains,
 * IP addresses and {@code localhost} give no region: a wrong region would only show up later as
 * refused signatures, so the configuration asks for {@code region} instead.
 */
final class RegionInference {
    private static final Pattern REGIONAL_HOST =
            Pattern.compile("oss-([a-z]+(?:-[a-z0-9]+)+?)(-internal)?\\.aliyuncs\\.com");

    private RegionInference() {
    }

    /** The region the host names, or null. */
    static String fromHost(String host) {
        if (host == null) {
            return null;
        }
        Matcher m = REGIONAL_HOST.matcher(host.toLowerCase(Locale.ROOT));
        if (!m.matches() || m.group(1).startsWith("accelerate")) {
            return null;
        }
        return m.group(1);
    }
}
