package io.github.appendlog.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChaosFaultsTest {

    @Test
    void sameSeedGivesTheSameDraws() {
        List<String> a = draws(new ChaosFaults(42, 0.3, Duration.ofMillis(5)), 500);
        List<String> b = draws(new ChaosFaults(42, 0.3, Duration.ofMillis(5)), 500);
        List<String> c = draws(new ChaosFaults(43, 0.3, Duration.ofMillis(5)), 500);
        assertEquals(a, b);
        assertNotEquals(a, c);
    }

    @Test
    void rateIsTheShareOfRequestsThatGetAFaultAndEveryKindIsDrawn() {
        ChaosFaults chaos = new ChaosFaults(7, 0.1, Duration.ofMillis(5));
        draws(chaos, 20_000);
        assertTrue(chaos.total() > 1_700 && chaos.total() < 2_300, "about 10%: " + chaos.total());
        for (ChaosFaults.Kind k : ChaosFaults.Kind.values()) {
            assertTrue(chaos.count(k) > 100, k + " drawn " + chaos.count(k) + " times");
        }
        assertThrows(IllegalArgumentException.class, () -> new ChaosFaults(1, 1.5, Duration.ZERO));
    }

    @Test
    void theEmulatorServesTheMixAndClearEndsIt() throws Exception {
        try (OssEmulator emu = OssEmulator.builder().bucket("logs").credentials("id", "secret").start()) {
            SignedClient client = SignedClient.v4(emu, "logs", "id", "secret").timeout(Duration.ofSeconds(5));
            ChaosFaults chaos = new ChaosFaults(1, 1.0, Duration.ofMillis(1));
            emu.faults().chaos(chaos);
            int failed = 0;
            for (int i = 0; i < 40; i++) {
                try {
                    HttpResponse<byte[]> r = client.head("k");
                    if (r.statusCode() != 404) {
                        failed++;
                    }
                } catch (IOException e) {
                    failed++;
                }
            }
            // The JDK client may resend a HEAD after a reset: at least one draw per request.
            long draws = chaos.total();
            assertTrue(draws >= 40, "every request draws a fault at rate 1: " + draws);
            long harmless = chaos.count(ChaosFaults.Kind.APPLY_THEN_DROP) + chaos.count(ChaosFaults.Kind.SLOW_REPLY);
            assertTrue(failed >= 40 - harmless - (draws - 40), "failed " + failed + " of 40");
            emu.faults().clear();
            assertEquals(200, client.append("k", 0, "x").statusCode());
            assertEquals("x", new String(emu.objectBytes("logs", "k"), StandardCharsets.UTF_8));
            assertEquals(draws, chaos.total(), "no draw after clear");
        }
    }

    private static List<String> draws(ChaosFaults chaos, int n) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ChaosFaults.Draw d = chaos.draw();
            out.add((d.fault() == null ? "-" : d.fault().reset ? "reset" : d.fault().error.code())
                    + "/" + d.dropAfterApply() + "/" + d.delay());
        }
        return out;
    }
}
