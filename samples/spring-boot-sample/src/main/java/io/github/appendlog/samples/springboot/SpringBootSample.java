package io.github.appendlog.samples.springboot;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A Spring Boot application that logs through SLF4J; {@code logback-spring.xml} sends the lines to
 * an append object (settings from {@code application.properties}, the environment or the command
 * line). At start it logs {@code sample.lines} numbered lines (default 20), then ends; Spring Boot's
 * logging shutdown hook flushes the appender.
 */
@SpringBootApplication
public class SpringBootSample implements ApplicationRunner {
    private static final Logger LOG = LoggerFactory.getLogger(SpringBootSample.class);

    public static void main(String[] args) {
        SpringApplication.run(SpringBootSample.class, args);
    }

    @Override
    public void run(ApplicationArguments args) {
        int lines = Integer.getInteger("sample.lines", 20);
        for (int n = 1; n <= lines; n++) {
            LOG.info("order {} processed", n);
        }
        LOG.warn("sample done after {} lines", lines);
    }
}
