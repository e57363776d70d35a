package io.github.appendlog.log4j2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The drop-in artifact as an application gets it from Maven, beside its own, older HttpClient 5 plus
 * Log4j2: the published POM brings only SLF4J's API besides what the application declares (no
 * appendlog-core, no second HttpClient 5), and in a class loader made of exactly the resolved class
 * path the appender is found, logs into the emulator, and leaves the application's HttpClient its
 * own. Runs after {@code package}, when the shaded jar and its reduced POM exist.
 */
class ShadedJarIT {
    private static final String DESCRIPTOR = "META-INF/org/apache/logging/log4j/core/config/plugins/Log4j2Plugins.dat";
    private static final String ALL = "appendlog-log4j2-appender-all";

    @RegisterExtension
    final TestStore store = new TestStore();

    @Test
    void shadedJarHoldsRelocatedHttpClientThePluginDescriptorLicenseAndModuleName() throws IOException {
        try (JarFile jar = new JarFile(shadedJar().toFile())) {
            List<String> names = jar.stream().map(e -> e.getName()).collect(Collectors.toList());
            assertTrue(names.contains(DESCRIPTOR), "the plugin descriptor is in the jar");
            assertTrue(names.contains("io/github/appendlog/log4j2/AppendObjectAppender.class"));
            assertTrue(names.contains("io/github/appendlog/pipeline/AppendPipeline.class"), "core is bundled");
            assertTrue(names.stream().anyMatch(n -> n.startsWith("io/github/appendlog/shaded/org/apache/hc/client5/")),
                    "HttpClient 5 is bundled, relocated");
            for (String n : names) {
                assertFalse(n.startsWith("org/apache/hc/"), "not relocated: " + n);
                assertFalse(n.startsWith("org/apache/logging/"), "Log4j2 is the application's: " + n);
                assertFalse(n.startsWith("org/slf4j/"), "SLF4J is the application's: " + n);
            }
            assertEquals("io.github.appendlog.log4j2.all", jar.getManifest().getMainAttributes().getValue("Automatic-Module-Name"));
            String notice = new String(jar.getInputStream(jar.getJarEntry("META-INF/NOTICE")).readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(notice.startsWith("appendlog") && notice.contains("Apache HttpClient"), notice);
            String license = new String(jar.getInputStream(jar.getJarEntry("META-INF/LICENSE")).readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(license.contains("Apache License") && license.contains("Version 2.0, January 2004"), license);
        }
    }

    @Test
    void dropInArtifactResolvesBesideAnOlderHttpClientAndLogsIntoTheStore() throws Exception {
        String appHttpClient = System.getProperty("appendlog.appHttpClient5");
        ConsumerProject consumer = ConsumerProject.resolve(ALL, ""
                + "<dependency><groupId>org.apache.logging.log4j</groupId><artifactId>log4j-core</artifactId>"
                + "<version>" + System.getProperty("appendlog.frameworkVersion") + "</version></dependency>\n"
                + "<dependency><groupId>io.github.appendlog</groupId><artifactId>" + ALL + "</artifactId>"
                + "<version>" + System.getProperty("appendlog.version") + "</version></dependency>\n"
                + "<dependency><groupId>org.apache.httpcomponents.client5</groupId><artifactId>httpclient5</artifactId>"
                + "<version>" + appHttpClient + "</version></dependency>");

        String tree = String.join("\n", consumer.tree);
        List<String> below = consumer.dependenciesOf("io.github.appendlog:" + ALL + ":jar:");
        assertTrue(below.stream().allMatch(line -> line.contains("org.slf4j:slf4j-api:jar:")), tree);
        assertFalse(tree.contains("appendlog-core") || tree.contains("appendlog-log4j2-appender:"), tree);
        assertTrue(tree.contains("org.apache.httpcomponents.client5:httpclient5:jar:" + appHttpClient + ":compile"), tree);
        assertEquals(1, tree.split("httpclient5:jar:", -1).length - 1, tree);
        assertEquals(List.of(), consumer.jarsNamed("appendlog-core"));
        List<Path> httpClients = consumer.jarsNamed("httpclient5-");
        assertEquals(1, httpClients.size(), consumer.classpath::toString);
        assertEquals("httpclient5-" + appHttpClient + ".jar", httpClients.get(0).getFileName().toString());

        TestStore.objectKey("shaded/app.log");
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        try (URLClassLoader app = applicationClassLoader(consumer.classpath)) {
            Thread.currentThread().setContextClassLoader(app);

            Class<?> appHttpClients = app.loadClass("org.apache.hc.client5.http.impl.classic.HttpClients");
            String source = appHttpClients.getProtectionDomain().getCodeSource().getLocation().toString();
            assertTrue(source.endsWith("httpclient5-" + appHttpClient + ".jar"),
                    "the application's HttpClients comes from its own jar: " + source);
            int before = applicationRequest(app, store.emu.endpoint() + "/");

            Class<?> contextClass = app.loadClass("org.apache.logging.log4j.core.LoggerContext");
            Object context = contextClass.getConstructor(String.class, Object.class, java.net.URI.class)
                    .newInstance("shaded", null, ShadedJarIT.class.getResource("/shaded-jar.xml").toURI());
            contextClass.getMethod("start").invoke(context);
            Object configuration = contextClass.getMethod("getConfiguration").invoke(context);
            Object appender = app.loadClass("org.apache.logging.log4j.core.config.Configuration")
                    .getMethod("getAppender", String.class).invoke(configuration, "OSS");
            assertTrue(appender != null && appender.getClass().getName().equals("io.github.appendlog.log4j2.AppendObjectAppender"),
                    "the plugin was found through the shaded jar's descriptor");
            assertTrue(appender.getClass().getClassLoader() == app, "loaded from the shaded jar");

            Object logger = contextClass.getMethod("getLogger", String.class).invoke(context, "it.shaded");
            Class<?> loggerApi = app.loadClass("org.apache.logging.log4j.Logger");
            for (int i = 0; i < 1000; i++) {
                loggerApi.getMethod("info", String.class).invoke(logger, "line " + i);
            }
            assertEquals(before, applicationRequest(app, store.emu.endpoint() + "/"),
                    "the application's HttpClient still works while the appender runs");
            assertTrue((Boolean) contextClass.getMethod("stop", long.class, TimeUnit.class)
                    .invoke(context, 30L, TimeUnit.SECONDS));
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }

        String[] lines = store.text("shaded/").split("\n");
        assertEquals(1000, lines.length);
        for (int i = 0; i < 1000; i++) {
            assertTrue(lines[i].startsWith("EV|") && lines[i].endsWith("|line " + i + "|it.shaded"), lines[i]);
        }
    }

    @Test
    void sourcesAndJavadocJarsAreBuiltBesideIt() throws Exception {
        // Maven Central takes an artifact only with its -sources and -javadoc jars.
        String all = shadedJar().toString();
        try (JarFile sources = new JarFile(all.replace(".jar", "-sources.jar"))) {
            assertTrue(sources.getJarEntry("io/github/appendlog/log4j2/AppendObjectAppender.java") != null,
                    "the appender's sources");
            assertTrue(sources.getJarEntry("io/github/appendlog/pipeline/AppendPipeline.java") != null, "core's sources");
        }
        try (JarFile javadoc = new JarFile(all.replace(".jar", "-javadoc.jar"))) {
            assertTrue(javadoc.getJarEntry("README.txt") != null);
        }
    }

    /** One GET with the application's own (older) HttpClient; returns the status code. */
    private static int applicationRequest(ClassLoader app, String uri) throws Exception {
        Class<?> httpClients = app.loadClass("org.apache.hc.client5.http.impl.classic.HttpClients");
        Object client = httpClients.getMethod("createDefault").invoke(null);
        try {
            Object get = app.loadClass("org.apache.hc.client5.http.classic.methods.HttpGet")
                    .getConstructor(String.class).newInstance(uri);
            Class<?> request = app.loadClass("org.apache.hc.core5.http.ClassicHttpRequest");
            Object response = client.getClass().getMethod("execute", request).invoke(client, get);
            try {
                return (Integer) response.getClass().getMethod("getCode").invoke(response);
            } finally {
                ((AutoCloseable) response).close();
            }
        } finally {
            ((AutoCloseable) client).close();
        }
    }

    private static URLClassLoader applicationClassLoader(List<Path> classpath) throws IOException {
        List<URL> urls = new ArrayList<>();
        for (Path jar : classpath) {
            urls.add(jar.toUri().toURL());
        }
        return new URLClassLoader("application", urls.toArray(new URL[0]), ClassLoader.getPlatformClassLoader());
    }

    private static Path shadedJar() {
        Path jar = Paths.get(System.getProperty("appendlog.allJar", "target/missing-all.jar"));
        assertTrue(Files.isRegularFile(jar), "the shaded jar was built: " + jar);
        return jar;
    }
}
