package io.github.appendlog.logback.application;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.status.Status;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.core5.util.VersionInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An application with its own, older HttpClient 5, run by {@code ShadedJarIT} in a class loader
 * made of the shaded appender jar, that HttpClient, Logback and SLF4J only. It uses nothing else:
 * only the JDK's types cross between the loaders.
 */
public final class ShadedJarApplication {

    private ShadedJarApplication() {
    }

    /** Configures the SLF4J-bound Logback from {@code logback-shaded.xml}, logs, stops; says what it saw. */
    public static Map<String, String> run(Map<String, String> properties, int lines) throws Exception {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.reset();
        properties.forEach(context::putProperty);
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        configurator.doConfigure(ShadedJarApplication.class.getResource("/logback-shaded.xml"));

        Map<String, String> seen = new LinkedHashMap<>();
        seen.put("appenderStarted", String.valueOf(context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("OSS").isStarted()));
        Logger log = LoggerFactory.getLogger("app.shaded");
        for (int n = 0; n < lines; n++) {
            log.info("shaded line {}", n);
        }
        try (CloseableHttpClient client = HttpClients.createDefault()) {
            int code = client.execute(new HttpGet(properties.get("endpoint") + "/"), response -> response.getCode());
            seen.put("applicationRequestStatus", String.valueOf(code));
        }
        context.stop();

        seen.put("httpClientJar", HttpClients.class.getProtectionDomain().getCodeSource().getLocation().toString());
        VersionInfo version = VersionInfo.loadVersionInfo("org.apache.hc.client5", HttpClients.class.getClassLoader());
        seen.put("httpClientVersion", version == null ? "unknown" : version.getRelease());
        StringBuilder errors = new StringBuilder();
        for (Status status : context.getStatusManager().getCopyOfStatusList()) {
            if (status.getLevel() == Status.ERROR) {
                errors.append(status).append('\n');
            }
        }
        seen.put("errors", errors.toString());
        return seen;
    }
}
