package io.github.appendlog.log4j2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The drop-in jar (classifier {@code all}) in an application that brings its own, older HttpClient
 * 5 plus Log4j2 and SLF4J: everything is loaded from those jars alone, in a class loader that sees
 * nothing of this build. The appender must be found, log into the emulator, and leave the
 * application's HttpClient working.
 */
class ShadedJarIT {
    private static final String DESCRIPTOR = "META-INF/org/apache/logging/log4j/core/config/plugins/Log4j2Plugins.dat";

    @RegisterExtension
    final TestStore store = new TestStore();

    @Test
    void shadedJarHoldsRelocatedHttpClientAndThePluginDescriptor() throws IOException {
        try (ZipFile jar = new ZipFile(shadedJar().toFile())) {
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
        }
    }

    @Test
    void plainJarHoldsThePluginDescriptor() throws IOException {
        Path plain = Paths.get(shadedJar().toString().replace("-all.jar", ".jar"));
        try (ZipFile jar = new ZipFile(plain.toFile())) {
            assertTrue(jar.getEntry(DESCRIPTOR) != null, "Log4j2 finds the plugin in " + plain);
            assertTrue(jar.getEntry("io/github/appendlog/log4j2/AppendObjectAppender.class") != null);
            assertTrue(jar.getEntry("io/github/appendlog/pipeline/AppendPipeline.class") == null, "core is a dependency");
        }
    }

    @Test
    void appenderWorksBesideTheApplicationsOlderHttpClient() throws Exception {
        TestStore.objectKey("shaded/app.log");
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        try (URLClassLoader app = applicationClassLoader()) {
            Thread.currentThread().setContextClassLoader(app);

            Class<?> appHttpClients = app.loadClass("org.apache.hc.client5.http.impl.classic.HttpClients");
            String source = appHttpClients.getProtectionDomain().getCodeSource().getLocation().toString();
            assertTrue(source.contains("httpclient5-" + System.getProperty("appendlog.oldHttpClient5", "5.1.3")),
                    "the application's HttpClients comes from its own jar: " + source);
            int before = applicationRequest(app, store.emu.endpoint() + "/");

            Class<?> contextClass = app.loadClass("org.apache.logging.log4j.core.LoggerContext");
            Object context = contextClass.getConstructor(String.class, Object.class, java.net.URI.class)
                    .newInstance("shaded", null, TestContexts.resource("shaded-jar.xml"));
            contextClass.getMethod("start").invoke(context);
            Object configuration = contextClass.getMethod("getConfiguration").invoke(context);
            Object appender = app.loadClass("org.apache.logging.log4j.core.config.Configuration")
                    .getMethod("getAppender", String.class).invoke(configuration, "OSS");
            assertTrue(appender != null && appender.getClass().getName().equals(AppendObjectAppender.class.getName()),
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

        List<LoggedEvents.Event> events = LoggedEvents.parse(store.text("shaded/"));
        assertEquals(1000, events.size());
        for (int i = 0; i < 1000; i++) {
            assertEquals("line " + i, events.get(i).message);
            assertEquals("it.shaded", events.get(i).context);
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

    private static URLClassLoader applicationClassLoader() throws IOException {
        List<URL> urls = new ArrayList<>();
        urls.add(shadedJar().toUri().toURL());
        try (Stream<Path> jars = Files.list(Paths.get(System.getProperty("appendlog.shadedItDir")))) {
            for (Path jar : jars.filter(p -> p.toString().endsWith(".jar")).sorted().collect(Collectors.toList())) {
                urls.add(jar.toUri().toURL());
            }
        }
        return new URLClassLoader("application", urls.toArray(new URL[0]), ClassLoader.getPlatformClassLoader());
    }

    private static Path shadedJar() {
        Path jar = Paths.get(System.getProperty("appendlog.shadedJar", "target/missing-all.jar"));
        assertTrue(Files.isRegularFile(jar), "the shaded jar was built: " + jar);
        return jar;
    }
}
