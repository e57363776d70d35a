package io.github.appendlog.reliability;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The secrets the suite uses; no status message, exception or toString() may show one. */
final class Secrets {
    private static final Set<String> SECRETS = ConcurrentHashMap.newKeySet();

    static {
        SECRETS.add(Store.ACCESS_KEY_SECRET);
        SECRETS.add(Store.SECURITY_TOKEN);
    }

    private Secrets() {
    }

    /** Also watch for this value (a wrong or rotated secret a test uses). */
    static String register(String secret) {
        SECRETS.add(secret);
        return secret;
    }

    static void assertAbsent(List<LoggingApp.Status> statuses) {
        for (LoggingApp.Status s : statuses) {
            assertAbsent("status message", s.text);
        }
    }

    static void assertAbsent(String what, String text) {
        assertAbsent(what, text, SECRETS);
    }

    /** Fails if {@code text} shows one of {@code secrets} (shown replaced in the failure message). */
    static void assertAbsent(String what, String text, Collection<String> secrets) {
        for (String secret : secrets) {
            if (text != null && text.contains(secret)) {
                String shown = text;
                for (String s : secrets) {
                    shown = shown.replace(s, "<SECRET>");
                }
                fail(what + " shows a secret: " + shown);
            }
        }
    }
}
