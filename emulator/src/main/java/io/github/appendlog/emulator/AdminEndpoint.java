package io.github.appendlog.emulator;

import java.time.Duration;
import java.util.Locale;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.StringEntity;

/**
 * Unsigned control requests under {@code /_emulator/} (no OSS bucket name can start with
 * {@code _}), so a standalone emulator can be steered from scripts and benchmarks:
 * <pre>
 * POST   /_emulator/faults?action=fail&amp;op=APPEND&amp;count=2&amp;status=500&amp;code=InternalError
 * POST   /_emulator/faults?action=slowDown&amp;count=3[&amp;op=ANY]
 * POST   /_emulator/faults?action=delay&amp;op=APPEND&amp;millis=5000[&amp;count=1]
 * POST   /_emulator/faults?action=applyThenDrop&amp;count=1[&amp;op=APPEND]
 * POST   /_emulator/faults?action=resetBeforeApply&amp;count=1[&amp;op=APPEND]
 * DELETE /_emulator/faults                       (clear all faults)
 * GET    /_emulator/stats                        (request counts, one "OPERATION count" per line)
 * DELETE /_emulator/stats                        (reset the counts)
 * </pre>
 */
final class AdminEndpoint {
    static final String BUCKET = "_emulator";

    private final FaultInjector faults;
    private final RequestCounters counters;

    AdminEndpoint(FaultInjector faults, RequestCounters counters) {
        this.faults = faults;
        this.counters = counters;
    }

    void handle(OssRequest r, ClassicHttpResponse response) {
        String path = r.key() == null ? "" : r.key();
        String method = r.method();
        try {
            if (path.equals("faults") && method.equals("POST")) {
                addFault(r);
                reply(response, 200, "ok\n");
            } else if (path.equals("faults") && method.equals("DELETE")) {
                faults.clear();
                reply(response, 200, "cleared\n");
            } else if (path.equals("stats") && method.equals("GET")) {
                StringBuilder sb = new StringBuilder();
                for (Operation op : Operation.values()) {
                    sb.append(op).append(' ').append(counters.count(op)).append('\n');
                }
                reply(response, 200, sb.toString());
            } else if (path.equals("stats") && method.equals("DELETE")) {
                counters.reset();
                reply(response, 200, "reset\n");
            } else {
                reply(response, 404, "unknown admin request " + method + " /_emulator/" + path + "\n");
            }
        } catch (IllegalArgumentException | NullPointerException e) {
            reply(response, 400, "bad admin request: " + e.getMessage() + "\n");
        }
    }

    private void addFault(OssRequest r) {
        String action = required(r, "action");
        switch (action) {
            case "fail":
                faults.failNext(op(r, null), count(r), Integer.parseInt(required(r, "status")), required(r, "code"));
                break;
            case "slowDown":
                faults.slowDown(op(r, Operation.ANY), count(r));
                break;
            case "delay":
                Duration d = Duration.ofMillis(Long.parseLong(required(r, "millis")));
                if (r.param("count") == null) {
                    faults.delay(op(r, Operation.ANY), d);
                } else {
                    faults.delayNext(op(r, Operation.ANY), count(r), d);
                }
                break;
            case "applyThenDrop":
                faults.applyThenDrop(op(r, Operation.APPEND), count(r));
                break;
            case "resetBeforeApply":
                faults.resetBeforeApply(op(r, Operation.APPEND), count(r));
                break;
            default:
                throw new IllegalArgumentException("unknown action " + action
                        + " (fail, slowDown, delay, applyThenDrop, resetBeforeApply)");
        }
    }

    private static Operation op(OssRequest r, Operation fallback) {
        String op = r.param("op");
        if (op == null) {
            if (fallback == null) {
                throw new IllegalArgumentException("op is required");
            }
            return fallback;
        }
        return Operation.valueOf(op.toUpperCase(Locale.ROOT));
    }

    private static int count(OssRequest r) {
        String c = r.param("count");
        return c == null ? 1 : Integer.parseInt(c);
    }

    private static String required(OssRequest r, String name) {
        String v = r.param(name);
        if (v == null || v.isEmpty()) {
            throw new IllegalArgumentException(name + " is required");
        }
        return v;
    }

    private static void reply(ClassicHttpResponse response, int status, String text) {
        response.setCode(status);
        response.setEntity(new StringEntity(text, ContentType.TEXT_PLAIN));
    }
}
