package io.github.appendlog.cli;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parsed command line: {@code [settings] ls|cat|tail [-n N] [-f] oss://bucket/key}. Settings are
 * the appenders' names, as {@code --name value} or {@code --name=value}, in camelCase
 * ({@code --accessKeyId}) or kebab-case ({@code --access-key-id}), anywhere on the line.
 */
final class CommandLine {
    /** The appender settings the reader takes (the rest are about writing). */
    static final List<String> SETTINGS = Collections.unmodifiableList(Arrays.asList(
            "endpoint", "region", "accessKeyId", "accessKeySecret", "securityToken", "credentialsFile",
            "credentialsProvider", "ecsMetadataEndpoint", "stsEndpoint", "signatureVersion", "proxy",
            "trustStore", "trustStorePassword", "connectTimeout", "requestTimeout"));
    static final List<String> COMMANDS = Arrays.asList("ls", "cat", "tail");

    final String command;
    final OssUrl url;
    final int lines;
    final boolean follow;
    final Map<String, String> settings;

    private CommandLine(String command, OssUrl url, int lines, boolean follow, Map<String, String> settings) {
        this.command = command;
        this.url = url;
        this.lines = lines;
        this.follow = follow;
        this.settings = Collections.unmodifiableMap(settings);
    }

    /** @throws CliException (usage) naming the argument that is wrong */
    static CommandLine parse(String[] args) throws CliException {
        Map<String, String> settings = new LinkedHashMap<>();
        String command = null;
        String url = null;
        Integer lines = null;
        boolean follow = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.startsWith("--")) {
                int eq = arg.indexOf('=');
                String name = camelCase(arg.substring(2, eq < 0 ? arg.length() : eq));
                if (!SETTINGS.contains(name)) {
                    throw CliException.usage("unknown option '" + arg + "' (settings: --" + String.join(", --", SETTINGS) + ")");
                }
                if (eq < 0 && i + 1 >= args.length) {
                    throw CliException.usage("'" + arg + "' needs a value");
                }
                settings.put(name, eq < 0 ? args[++i] : arg.substring(eq + 1));
            } else if (arg.equals("-f")) {
                follow = true;
            } else if (arg.startsWith("-n")) {
                String value = arg.length() > 2 ? arg.substring(2) : (i + 1 < args.length ? args[++i] : null);
                lines = lineCount(value);
            } else if (arg.startsWith("-") && !arg.equals("-")) {
                throw CliException.usage("unknown option '" + arg + "'");
            } else if (command == null) {
                if (!COMMANDS.contains(arg)) {
                    throw CliException.usage("unknown command '" + arg + "' (ls, cat or tail)");
                }
                command = arg;
            } else if (url == null) {
                url = arg;
            } else {
                throw CliException.usage("unexpected argument '" + arg + "'");
            }
        }
        if (command == null) {
            throw CliException.usage("no command (ls, cat or tail)");
        }
        if (url == null) {
            throw CliException.usage(command + ": no oss://bucket/" + (command.equals("ls") ? "prefix" : "key") + " given");
        }
        if (!command.equals("tail") && (follow || lines != null)) {
            throw CliException.usage("-n and -f belong to tail, not " + command);
        }
        OssUrl parsed = OssUrl.parse(url);
        if (!command.equals("ls") && parsed.key.isEmpty()) {
            throw CliException.usage(command + ": '" + url + "' names no object (oss://bucket/key)");
        }
        return new CommandLine(command, parsed, lines == null ? 10 : lines, follow, settings);
    }

    private static int lineCount(String value) throws CliException {
        try {
            int n = Integer.parseInt(value == null ? "" : value.trim());
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw CliException.usage("-n takes a number of lines (0 or more), not '" + value + "'");
    }

    /** {@code access-key-id} to {@code accessKeyId}; camelCase stays as it is. */
    static String camelCase(String name) {
        StringBuilder sb = new StringBuilder(name.length());
        boolean upper = false;
        for (char c : name.toCharArray()) {
            if (c == '-') {
                upper = true;
            } else {
                sb.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return sb.toString();
    }

    static String usage() {
        return "usage: appendlog [--endpoint URL] [--region R] [credentials] COMMAND oss://bucket/...\n"
                + "  ls   oss://bucket/prefix              objects with size, last modified, appendable\n"
                + "  cat  oss://bucket/key                 the object (gzip members decompressed)\n"
                + "  tail [-n N] [-f] oss://bucket/key     the last N lines (10); -f follows the object,\n"
                + "                                        and with an objectKey pattern (%d, %i) its successors\n"
                + "settings (the appenders' names): --" + String.join(", --", SETTINGS) + "\n"
                + "  (--endpoint and --region default to OSS_ENDPOINT and OSS_REGION)\n"
                + "credentials: the settings above, else the appenders' chain (OSS_ACCESS_KEY_ID...,\n"
                + "  ALIBABA_CLOUD_*, ~/.oss/credentials, ~/.aliyun/config.json, ECS RAM role...)\n"
                + "exit codes: 0 done, 1 the store or the network failed, 2 a wrong command line or setting";
    }
}
