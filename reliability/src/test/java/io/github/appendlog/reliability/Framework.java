package io.github.appendlog.reliability;

import java.util.Map;

/** The two frameworks every fault is proven against, each configured from its real XML file. */
enum Framework {
    LOGBACK("logback-reliability.xml") {
        @Override
        LoggingApp start(String resource, String appenderName, Map<String, String> settings) throws Exception {
            return new LogbackApp(resource, appenderName, settings);
        }
    },
    LOG4J2("log4j2-reliability.xml") {
        @Override
        LoggingApp start(String resource, String appenderName, Map<String, String> settings) throws Exception {
            return new Log4j2App(resource, appenderName, settings);
        }
    };

    final String defaultResource;

    Framework(String defaultResource) {
        this.defaultResource = defaultResource;
    }

    abstract LoggingApp start(String resource, String appenderName, Map<String, String> settings) throws Exception;

    /** An app configured from the framework's main test XML. */
    LoggingApp start(String appenderName, Map<String, String> settings) throws Exception {
        return start(defaultResource, appenderName, settings);
    }

    /** The resource name for this framework's variant {@code <name>} of a test XML. */
    String resource(String name) {
        return (this == LOGBACK ? "logback-" : "log4j2-") + name + ".xml";
    }
}
