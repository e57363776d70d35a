package io.github.appendlog.emulator;

import java.io.PrintStream;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the emulator standalone until stopped:
 * <pre>
 * java -jar appendlog-emulator-VERSION.jar --port 9000 --data ./oss-data --bucket logs \
 *     --access-key-id ID --access-key-secret SECRET [--security-token TOKEN] [--region cn-hangzhou] \
 *     [--credentials-file FILE] [--https] [--max-object-bytes N] [--bind 127.0.0.1] [--public-read]
 * </pre>
 * With {@code --public-read}, unsigned GET and HEAD requests are served, so {@code curl} reads an
 * object; with {@code --data DIR}, each object is the file {@code DIR/<bucket>/<key>}, which
 * {@code tail -f} follows.
 * The secret may also come from the environment variable {@code OSS_ACCESS_KEY_SECRET}. With
 * {@code --credentials-file} (lines {@code id secret [token [expires-at]]}, re-read when it changes)
 * the key given with {@code --access-key-id} is optional.
 */
public final class EmulatorMain {
    static final String USAGE = "usage: java -jar appendlog-emulator.jar --bucket NAME [--bucket NAME ...]"
            + " --access-key-id ID --access-key-secret SECRET [--security-token TOKEN] [--credentials-file FILE]"
            + " [--port 9000] [--data DIR] [--region cn-hangzhou] [--https] [--max-object-bytes N]"
            + " [--bind 127.0.0.1] [--public-read]";

    private EmulatorMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        OssEmulator emu;
        try {
            emu = start(args, System.out);
        } catch (IllegalArgumentException | IllegalStateException e) {
            System.err.println("appendlog emulator: " + e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            emu.close();
            stopped.countDown();
        }, "appendlog-emulator-shutdown"));
        stopped.await();
    }

    /** Parses the arguments, starts the emulator and prints where it listens. */
    static OssEmulator start(String[] args, PrintStream out) {
        OssEmulator.Builder b = OssEmulator.builder();
        List<String> buckets = new ArrayList<>();
        String id = null;
        String secret = System.getenv("OSS_ACCESS_KEY_SECRET");
        String token = null;
        String region = "cn-hangzhou";
        boolean credentialsFile = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--https": b.https(true); break;
                case "--public-read": b.publicRead(true); break;
                case "--port": b.port(Integer.parseInt(value(args, ++i, arg))); break;
                case "--data": b.dataDirectory(Paths.get(value(args, ++i, arg))); break;
                case "--bucket": buckets.add(value(args, ++i, arg)); break;
                case "--access-key-id": id = value(args, ++i, arg); break;
                case "--access-key-secret": secret = value(args, ++i, arg); break;
                case "--security-token": token = value(args, ++i, arg); break;
                case "--region": region = value(args, ++i, arg); break;
                case "--credentials-file":
                    b.credentialsFile(Paths.get(value(args, ++i, arg)));
                    credentialsFile = true;
                    break;
                case "--max-object-bytes": b.maxObjectBytes(Long.parseLong(value(args, ++i, arg))); break;
                case "--bind": b.bindAddress(value(args, ++i, arg)); break;
                default: throw new IllegalArgumentException("unknown argument " + arg);
            }
        }
        if (id != null && secret != null) {
            b.credentials(id, secret, token);
        } else if (id != null || !credentialsFile) {
            throw new IllegalArgumentException("--access-key-id and --access-key-secret are required"
                    + " (or --credentials-file)");
        }
        buckets.forEach(b::bucket);
        OssEmulator emu = b.region(region).start();
        out.println("appendlog emulator listening on " + emu.endpoint() + " (bucket" + (buckets.size() > 1 ? "s " : " ")
                + String.join(", ", buckets) + ", region " + region + ")");
        if (emu.endpoint().startsWith("https")) {
            out.println("trust store: " + emu.trustStore() + " (PKCS12, password "
                    + OssEmulator.TRUST_STORE_PASSWORD + ")");
        }
        out.flush();
        return emu;
    }

    private static String value(String[] args, int i, String name) {
        if (i >= args.length) {
            throw new IllegalArgumentException(name + " needs a value");
        }
        return args[i];
    }
}
