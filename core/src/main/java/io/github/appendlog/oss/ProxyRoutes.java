package io.github.appendlog.oss;

import java.net.URI;
import java.util.Locale;
import org.apache.hc.client5.http.impl.DefaultSchemePortResolver;
import org.apache.hc.client5.http.impl.routing.DefaultProxyRoutePlanner;
import org.apache.hc.client5.http.impl.routing.DefaultRoutePlanner;
import org.apache.hc.client5.http.impl.routing.SystemDefaultRoutePlanner;
import org.apache.hc.client5.http.routing.HttpRoutePlanner;
import org.apache.hc.core5.http.HttpHost;

/**
 * The one proxy rule of appendlog's HTTP clients (the store's and the credential sources'), from
 * the {@code proxy} setting:
 * <ul>
 *   <li>unset: the JVM's proxy settings, asked at each new connection through
 *       {@link java.net.ProxySelector#getDefault()} ({@code http.proxyHost}/{@code http.proxyPort},
 *       {@code https.proxyHost}/{@code https.proxyPort}, {@code http.nonProxyHosts},
 *       {@code java.net.useSystemProxies}); no proxy when none is set;</li>
 *   <li>{@code none} (or {@code direct}): direct connections, whatever the JVM says;</li>
 *   <li>{@code http://host:port}: that proxy for every request (HTTPS through {@code CONNECT}).</li>
 * </ul>
 */
public final class ProxyRoutes {
    private ProxyRoutes() {
    }

    /** Whether {@code text} (trimmed, non-empty) says to connect directly. */
    static boolean isDirect(String text) {
        String s = text.trim().toLowerCase(Locale.ROOT);
        return s.equals("none") || s.equals("direct");
    }

    /**
     * What is wrong with a {@code proxy} value, or null when it is usable (null and blank are).
     */
    public static String problem(String text) {
        if (text == null || text.trim().isEmpty() || isDirect(text)) {
            return null;
        }
        try {
            URI uri = new URI(text.trim());
            if (!"http".equalsIgnoreCase(uri.getScheme())) {
                return "'" + text + "' must be an http:// URL (e.g. http://proxy.example.com:3128), or none";
            }
            if (uri.getHost() == null) {
                return "'" + text + "' has no host name (e.g. http://proxy.example.com:3128)";
            }
            if (uri.getRawUserInfo() != null) {
                return "'" + uri.getHost() + "': a user and password in the proxy URL are not supported";
            }
            if (uri.getRawPath() != null && !uri.getRawPath().isEmpty() && !uri.getRawPath().equals("/")) {
                return "'" + text + "' must not have a path (e.g. http://proxy.example.com:3128)";
            }
            return null;
        } catch (Exception e) {
            return "'" + text + "' is not a URL (e.g. http://proxy.example.com:3128, or none)";
        }
    }

    /**
     * The route planner for a {@code proxy} value that {@link #problem} accepts, except that
     * {@code directHost} (e.g. the instance-metadata address, which only the host itself reaches)
     * is always connected to directly.
     */
    public static HttpRoutePlanner planner(String text, String directHost) {
        HttpRoutePlanner proxied = planner(text);
        if (directHost == null) {
            return proxied;
        }
        HttpRoutePlanner direct = new DefaultRoutePlanner(DefaultSchemePortResolver.INSTANCE);
        return (target, context) -> (target.getHostName().equalsIgnoreCase(directHost) ? direct : proxied)
                .determineRoute(target, context);
    }

    /**
     * The route planner for a {@code proxy} value that {@link #problem} accepts.
     */
    public static HttpRoutePlanner planner(String text) {
        if (text == null || text.trim().isEmpty()) {
            // A null selector: ProxySelector.getDefault() at each route, so the JVM's current settings apply.
            return new SystemDefaultRoutePlanner(DefaultSchemePortResolver.INSTANCE, null);
        }
        if (isDirect(text)) {
            return new DefaultRoutePlanner(DefaultSchemePortResolver.INSTANCE);
        }
        URI uri = URI.create(text.trim());
        return new DefaultProxyRoutePlanner(new HttpHost("http", uri.getHost(), uri.getPort() < 0 ? 80 : uri.getPort()));
    }
}
