package io.github.appendlog.cli;

import java.io.PrintStream;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code appendlog ls | cat | tail}: reads the objects the appenders write, with the appenders'
 * settings names and credentials chain ({@link CommandLine#usage()}). {@link #run} is the whole
 * program without {@code System.exit}: it returns the exit code (0 done, 1 the store or the network
 * failed, 2 a wrong command line or setting) and writes one line saying what is wrong to
 * {@code err}. {@code tail -f} returns when its thread is interrupted.
 */
public final class AppendlogCli {
    private final Map<String, String> environment;
    private final Supplier<Instant> clock;

    AppendlogCli(Map<String, String> environment, Supplier<Instant> clock) {
        this.environment = environment;
        this.clock = clock;
    }

    public static void main(String[] args) {
        if (System.getProperty("slf4j.internal.verbosity") == null) {
            System.setProperty("slf4j.internal.verbosity", "ERROR"); // HttpClient's slf4j-api, no provider: quiet
        }
        int code = run(args, System.out, System.err);
        System.out.flush();
        System.exit(code);
    }

    /** Runs one command with the process's environment; returns the exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return new AppendlogCli(System.getenv(), Instant::now).execute(args, out, err);
    }

    int execute(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0 || Arrays.asList(args).contains("--help") || Arrays.asList(args).contains("-h")) {
            (args.length == 0 ? err : out).println(CommandLine.usage());
            return args.length == 0 ? CliException.USAGE : 0;
        }
        try {
            CommandLine command = CommandLine.parse(args);
            try (ReaderStore store = ReaderStore.open(command.url, command.settings, environment)) {
                switch (command.command) {
                    case "ls":
                        new ListCommand(store, command.url, out).run();
                        break;
                    case "cat":
                        new CatCommand(store, command.url.key, out).run();
                        break;
                    default:
                        new TailCommand(store, command, out, clock).run();
                }
            }
            out.flush();
            return 0;
        } catch (CliException e) {
            out.flush();
            err.println("appendlog: " + e.getMessage());
            if (e.exitCode() == CliException.USAGE) {
                err.println("(appendlog --help for usage)");
            }
            return e.exitCode();
        }
    }
}
