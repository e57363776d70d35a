package io.github.appendlog.logback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The drop-in artifact as an application gets it from Maven, beside its own, older HttpClient 5: the
 * published POM brings nothing but what the application declares (no appendlog-core, no second
 * HttpClient 5), and the appender works in a class loader made of exactly the resolved class path
 * (plus ShadedJarApplication), with the application's HttpClient still its own. Runs after
 * {@code package}, when the shaded jar and its reduced POM exist.
 */
@Timeout(300)
class ShadedJarIT {
    private static final int LINES = 1_000;
    private static final String ALL = "appendlog-logback-appender-all";

    private final EmulatedStore store = new EmulatedStore();

    @AfterEach
    void closeStore() {
        store.close();
    }

    @Test
    void dropInArtifactResolvesBesideAnOlderHttpClientAndLogsIntoTheStore() throws Exception {
        String appHttpClient = System.getProperty("appendlog.appHttpClient5");
        ConsumerProject consumer = ConsumerProject.resolve(ALL, ""
                + "<dependency><groupId>ch.qos.logback</groupId><artifactId>logback-classic</artifactId>"
                + "<version>" + System.getProperty("appendlog.frameworkVersion") + "</version></dependency>\n"
                + "<dependency><groupId>io.github.appendlog</groupId><artifactId>" + ALL + "</artifactId>"
                + "<version>" + System.getProperty("appendlog.version") + "</version></dependency>\n"
                + "<dependency><groupId>org.apache.httpcomponents.client5</groupId><artifactId>httpclient5</artifactId>"
                + "<version>" + appHttpClient + "</version></dependency>");

        String tree = String.join("\n", consumer.tree);
        assertEquals(List.of(), consumer.dependenciesOf("io.github.appendlog:" + ALL + ":jar:"), tree);
        assertFalse(tree.contains("appendlog-core") || tree.contains("appendlog-logback-appender:"), tree);
        assertTrue(tree.contains("org.apache.httpcomponents.client5:httpclient5:jar:" + appHttpClient + ":compile"), tree);
        assertEquals(1, tree.split("httpclient5:jar:", -1).length - 1, tree);
        assertEquals(List.of(), consumer.jarsNamed("appendlog-core"));
        List<Path> httpClients = consumer.jarsNamed("httpclient5-");
        assertEquals(1, httpClients.size(), consumer.classpath::toString);
        assertEquals("httpclient5-" + appHttpClient + ".jar", httpClients.get(0).getFileName().toString());

        List<URL> urls = new ArrayList<>();
        for (Path jar : consumer.classpath) {
            urls.add(jar.toUri().toURL());
        }
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
            assertTrue(seen.get("httpClientJar").endsWith("httpclient5-" + appHttpClient + ".jar"), seen::toString);
            assertEquals(appHttpClient, seen.get("httpClientVersion"));
            assertNotEquals("0", seen.get("applicationRequestStatus"));
        }

        List<String> lines = store.lines("shaded/");
        assertEquals(LINES, lines.size());
        for (int n = 0; n < LINES; n++) {
            assertEquals("INFO app.shaded shaded line " + n, lines.get(n));
        }
    }

    @Test
    void jarCarriesLicenseNoticeAndModuleName() throws Exception {
        try (JarFile jar = new JarFile(System.getProperty("appendlog.allJar"))) {
            assertEquals("io.github.appendlog.logback.all", jar.getManifest().getMainAttributes().getValue("Automatic-Module-Name"));
            String notice = new String(jar.getInputStream(jar.getJarEntry("META-INF/NOTICE")).readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(notice.startsWith("appendlog") && notice.contains("Apache HttpClient"), notice);
            String license = new String(jar.getInputStream(jar.getJarEntry("META-INF/LICENSE")).readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(license.contains("Apache License") && license.contains("Version 2.0, January 2004"), license);
            assertTrue(jar.getJarEntry("io/github/appendlog/logback/AppendObjectAppender.class") != null);
            assertTrue(jar.stream().noneMatch(e -> e.getName().startsWith("org/apache/hc/")), "HttpClient 5 relocated");
            assertTrue(jar.stream().noneMatch(e -> e.getName().startsWith("ch/qos/") || e.getName().startsWith("org/slf4j/")),
                    "Logback and SLF4J are the application's");
        }
    }

    @Test
    void sourcesAndJavadocJarsAreBuiltBesideIt() throws Exception {
        // Maven Central takes an artifact only with its -sources and -javadoc jars.
        String all = System.getProperty("appendlog.allJar");
        try (JarFile sources = new JarFile(all.replace(".jar", "-sources.jar"))) {
            assertTrue(sources.getJarEntry("io/github/appendlog/logback/AppendObjectAppender.java") != null,
                    "the appender's sources");
            assertTrue(sources.getJarEntry("io/github/appendlog/pipeline/AppendPipeline.java") != null, "core's sources");
        }
        try (JarFile javadoc = new JarFile(all.replace(".jar", "-javadoc.jar"))) {
            assertTrue(javadoc.getJarEntry("README.txt") != null);
        }
    }

    /** The directory holding ShadedJarApplication and logback-shaded.xml. */
    private static URL testClasses() throws Exception {
        return ShadedJarIT.class.getProtectionDomain().getCodeSource().getLocation();
    }
}
