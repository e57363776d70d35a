package io.github.appendlog.oss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import org.junit.jupiter.api.Test;

class ObjectUrlsTest {

    @Test
    void ipAndLocalhostEndpointsUsePathStyle() {
        assertEquals("http://127.0.0.1:9000/logs/app/a.log?append&position=0",
                new ObjectUrls(URI.create("http://127.0.0.1:9000"), "logs").object("app/a.log", "append&position=0")
                        .toString());
        assertEquals("http://localhost:9000/logs/k",
                new ObjectUrls(URI.create("http://localhost:9000"), "logs").object("k", null).toString());
        assertTrue(new ObjectUrls(URI.create("http://[::1]:9000"), "logs").pathStyle());
        assertTrue(ObjectUrls.usesPathStyle("10.0.0.12"));
        assertTrue(ObjectUrls.usesPathStyle("oss.localhost"));
    }

    @Test
    void hostNamesUseVirtualHostedStyle() {
        ObjectUrls urls = new ObjectUrls(URI.create("https://oss-cn-hangzhou.aliyuncs.com"), "logs");
        assertFalse(urls.pathStyle());
        assertEquals("https://logs.oss-cn-hangzhou.aliyuncs.com/a/b.log", urls.object("a/b.log", null).toString());
        assertEquals("https://logs.oss.example.com:8443/k",
                new ObjectUrls(URI.create("https://oss.example.com:8443"), "logs").object("k", "").toString());
    }

    @Test
    void keysArePercentEncodedAsUtf8KeepingSlashes() {
        assertEquals("a/b%20c/%E6%97%A5%E5%BF%97%2B1~x_y-z.log", ObjectUrls.encodePath("a/b c/日志+1~x_y-z.log"));
        assertEquals("%3F%23%25%26%3D", ObjectUrls.encodePath("?#%&="));
        assertEquals("a//b", ObjectUrls.encodePath("a//b"));
        URI uri = new ObjectUrls(URI.create("http://127.0.0.1:1"), "logs").object("x?y#z", null);
        assertEquals("/logs/x?y#z", uri.getPath());
        assertEquals(null, uri.getRawQuery());
    }

    @Test
    void onlyHttpAndHttpsAreAccepted() {
        assertThrows(IllegalArgumentException.class, () -> new ObjectUrls(URI.create("ftp://h"), "logs"));
        assertThrows(IllegalArgumentException.class, () -> new ObjectUrls(URI.create("file:/x"), "logs"));
    }
}
