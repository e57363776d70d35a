package io.github.appendlog.logback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The shaded jar is a drop-in beside an application's own, older HttpClient 5: an application class
 * loader holds only the shaded jar, HttpClient 5.1, Logback and SLF4J (no unshaded core, no
 * HttpClient 5.5). Runs after {@code package}, when the shaded jar exists.
 */
@Timeout(60)
class ShadedJarIT {
    private static final int LINES = 1_000;

    private final EmulatedStore store = new EmulatedStore();

    @AfterEach
    void closeStore() {
        store.close();
    }

    @Test
    void shadedAppenderWorksBesideAnOlderHttpClient() throws Exception {
        Path shadedJar = Paths.get(System.getProperty("appendlog.shadedJar"));
        Path applicationJars = Paths.get(System.getProperty("appendlog.applicationJars"));
        List<URL> urls = new ArrayList<>();
        urls.add(shadedJar.toUri().toURL());
        urls.addAll(jars(applicationJars));
        urls.add(testClasses());

        try (URLClassLoader application = new URLClassLoader(urls.toArray(new URL[0]), ClassLoader.getPlatformClassLoader())) {
            assertThrows(ClassNotFoundException.class,
                    () -> application.loadClass("io.github.appendlog.emulator.OssEmulator"), "the test's own classes leaked in");
            application.loadClass("io.github.appendlog.shaded.org.apache.hc.client5.http.impl.classic.HttpClients");

            Class<?> app = application.loadClass("io.github.appendlog.logback.application.ShadedJarApplication");
            Method run = app.getMethod("run", Map.class, int.class);
            @SuppressWarnings("unchecked")
            Map<String, String> seen = (Map<String, String>) run.invoke(null, store.properties("shaded/app.log"), LINES);

            assertEquals("true", seen.get("appenderStarted"), seen::toString);
            assertEquals("", seen.get("errors"));
            assertTrue(seen.get("httpClientJar").endsWith("httpclient5-5.1.3.jar"), seen::toString);
            assertEquals("5.1.3", seen.get("httpClientVersion"));
            assertNotEquals("0", seen.get("applicationRequestStatus"));
        }

        List<String> lines = store.lines("shaded/");
        assertEquals(LINES, lines.size());
        for (int n = 0; n < LINES; n++) {
            assertEquals("INFO app.shaded shaded line " + n, lines.get(n));
        }
    }

    private static List<URL> jars(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            List<URL> urls = new ArrayList<>();
            for (Path jar : files.filter(f -> f.toString().endsWith(".jar")).collect(Collectors.toList())) {
                urls.add(jar.toUri().toURL());
            }
            return urls;
        }
    }

    /** The directory holding ShadedJarApplication and logback-shaded.xml. */
    private static URL testClasses() throws Exception {
        return ShadedJarIT.class.getProtectionDomain().getCodeSource().getLocation();
    }
}
