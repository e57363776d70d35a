package io.github.appendlog.reliability;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The main class of an app in a JVM of its own ({@link ChildJvm}): a {@link LogbackApp} or
 * {@link Log4j2App} (appender {@code OSS}) whose logging threads are driven by commands on stdin,
 * one per line:
 * <ul>
 * <li>{@code log <lines>}: each thread logs that many more numbered lines at once;</li>
 * <li>{@code paced <lines> <periodMillis>}: each thread logs that many more, one per period (a
 * fraction of a millisecond allowed);</li>
 * <li>{@code stop} (or the end of stdin): the logger context stops, the JVM exits.</li>
 * </ul>
 * It answers on stdout, each line starting with {@link #PREFIX}: {@code ready} once the appender
 * started; each status message of the framework as it comes, {@code status <LEVEL> <text>}
 * (backslash, CR and LF escaped); after each command {@code expected <app|thread> <lines so far>}
 * per thread, then {@code done <n>} (commands counted from 1); {@code stopped} once the logger
 * context stopped. {@link ChildProbes} adds what the journal's crash tests need (system properties).
 *
 * <p>Arguments: {@code <LOGBACK|LOG4J2> <appId> <threads> [<setting>=<value>...]}.
 */
final class ChildApp {
    static final String PREFIX = "@child ";
    static final String APPENDER = "OSS";

    private ChildApp() {
    }

    public static void main(String[] args) throws Exception {
        Framework framework = Framework.valueOf(args[0]);
        String appId = args[1];
        int threads = Integer.parseInt(args[2]);
        Map<String, String> settings = new LinkedHashMap<>();
        for (int i = 3; i < args.length; i++) {
            int eq = args[i].indexOf('=');
            settings.put(args[i].substring(0, eq), args[i].substring(eq + 1));
        }
        // A child outlives no test: when the JVM that started it ends (a failed or killed build), it ends too.
        ProcessHandle.current().parent().ifPresent(p -> p.onExit().thenRun(() -> Runtime.getRuntime().halt(2)));
        PrintStream out = System.out;
        LoggingApp.echo = s -> out.println(PREFIX + "status " + s.level + " " + escape(s.text));
        ChildProbes.installCrashHook(out);
        LoggingApp app = framework.start(APPENDER, settings);
        ChildProbes.reportJournalled(app, out);
        try {
            Workload work = new Workload(app, appId, threads);
            out.println(PREFIX + "ready");
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            int done = 0;
            for (String command = in.readLine(); command != null && !command.equals("stop"); command = in.readLine()) {
                String[] words = command.trim().split("\\s+");
                if (words[0].equals("log")) {
                    work.log(Integer.parseInt(words[1]));
                } else if (words[0].equals("paced")) {
                    work.logPaced(Integer.parseInt(words[1]),
                            Duration.ofNanos(Math.round(Double.parseDouble(words[2]) * 1_000_000)));
                } else {
                    throw new IllegalArgumentException("unknown command: " + command);
                }
                work.expected().forEach((thread, lines) -> out.println(PREFIX + "expected " + thread + " " + lines));
                out.println(PREFIX + "done " + ++done);
                out.flush();
            }
            app.stop();
            out.println(PREFIX + "stopped");
            out.flush();
        } finally {
            app.stop();
            app.release();
        }
        System.exit(0);
    }

    static String escape(String text) {
        return text.replace("\\", "\\\\").replace("\r", "\\r").replace("\n", "\\n");
    }

    static String unescape(String text) {
        StringBuilder b = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length()) {
                char n = text.charAt(++i);
                b.append(n == 'n' ? '\n' : n == 'r' ? '\r' : n);
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }
}
