package io.github.appendlog.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.appendlog.oss.Crc64;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ObjectStoreTest {
    private static final ObjectHeaders NONE = ObjectHeaders.defaults();

    private static ObjectStore memory(long max) throws Exception {
        return new ObjectStore(List.of("b"), new MemoryBackend(), max, System::currentTimeMillis);
    }

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void appendRulesAreThoseOfOss() throws Exception {
        ObjectStore store = memory(1000);
        assertEquals(AppendOutcome.Kind.POSITION_MISMATCH, store.append("b", "k", 3, b("x"), NONE).kind());
        assertNull(store.find("b", "k"), "a refused append creates nothing");
        AppendOutcome first = store.append("b", "k", 0, b("hi oss,"), NONE);
        assertEquals(AppendOutcome.Kind.APPENDED, first.kind());
        assertEquals(7, first.currentLength());
        AppendOutcome mismatch = store.append("b", "k", 0, b("x"), NONE);
        assertEquals(AppendOutcome.Kind.POSITION_MISMATCH, mismatch.kind());
        assertEquals(7, mismatch.currentLength());
        AppendOutcome second = store.append("b", "k", 7, b("append object"), NONE);
        assertEquals(2313496259928504459L, second.object().crc64());
        assertEquals(ObjectType.APPENDABLE, second.object().type());

        store.put("b", "n", b("normal"), NONE);
        assertEquals(AppendOutcome.Kind.NOT_APPENDABLE, store.append("b", "n", 6, b("x"), NONE).kind());
        assertEquals(AppendOutcome.Kind.NOT_APPENDABLE, store.append("b", "n", 0, b("x"), NONE).kind());
    }

    @Test
    void anAppendBeyondTheMaximumSizeIsRefusedAndNothingChanges() throws Exception {
        ObjectStore store = memory(10);
        assertEquals(AppendOutcome.Kind.TOO_LARGE, store.append("b", "k", 0, new byte[11], NONE).kind());
        assertNull(store.find("b", "k"));
        store.append("b", "k", 0, new byte[6], NONE);
        AppendOutcome tooMuch = store.append("b", "k", 6, new byte[5], NONE);
        assertEquals(AppendOutcome.Kind.TOO_LARGE, tooMuch.kind());
        assertEquals(6, tooMuch.currentLength());
        assertEquals(AppendOutcome.Kind.APPENDED, store.append("b", "k", 6, new byte[4], NONE).kind());
    }

    @Test
    void runningCrcEqualsTheCrcOfTheWholeObject() throws Exception {
        ObjectStore store = memory(1 << 20);
        StringBuilder all = new StringBuilder();
        for (int i = 0; i < 50; i++) {
            String chunk = "line " + i + "\n";
            store.append("b", "k", all.length(), b(chunk), NONE);
            all.append(chunk);
        }
        byte[] whole = b(all.toString());
        assertEquals(Crc64.compute(whole, 0, whole.length), store.find("b", "k").crc64());
    }

    @Test
    void concurrentAppendersNeverLoseOrDoubleBytes() throws Exception {
        ObjectStore store = memory(1 << 30);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<Integer>> results = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            results.add(pool.submit(() -> {
                int applied = 0;
                for (int i = 0; i < 500; i++) {
                    ObjectSnapshot s = store.find("b", "k");
                    long pos = s == null ? 0 : s.length();
                    if (store.append("b", "k", pos, new byte[10], NONE).kind() == AppendOutcome.Kind.APPENDED) {
                        applied++;
                    }
                }
                return applied;
            }));
        }
        int total = 0;
        for (Future<Integer> f : results) {
            total += f.get();
        }
        pool.shutdown();
        assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
        assertEquals(total * 10L, store.find("b", "k").length());
    }

    @Test
    void deleteAndIterateByPrefix() throws Exception {
        ObjectStore store = memory(100);
        for (String k : new String[] {"a/1", "a/2", "ab", "b/1"}) {
            store.append("b", k, 0, b("x"), NONE);
        }
        assertTrue(store.delete("b", "a/2"));
        List<String> keys = new ArrayList<>();
        for (Iterator<ObjectSnapshot> it = store.iterate("b", "a", null); it.hasNext(); ) {
            keys.add(it.next().key());
        }
        assertEquals(List.of("a/1", "ab"), keys);
        assertTrue(store.iterate("b", "a", "ab").hasNext() == false);
    }

    @Test
    void aDirectoryStoreSurvivesARestart(@TempDir Path dir) throws Exception {
        ObjectStore first = new ObjectStore(List.of("b"), new DirectoryBackend(dir), 1000, System::currentTimeMillis);
        first.append("b", "logs/app.log", 0, b("hi oss,"), new ObjectHeaders(Map.of("Content-Type", "text/plain")));
        first.append("b", "logs/app.log", 7, b("append object"), NONE);
        first.put("b", "normal", b("n"), NONE);
        first.put("b", "gone", b("g"), NONE);
        first.delete("b", "gone");
        // no checkpoint(): as if the emulator had been killed; the CRC is continued from the data file

        ObjectStore second = new ObjectStore(List.of("b"), new DirectoryBackend(dir), 1000, System::currentTimeMillis);
        ObjectSnapshot log = second.find("b", "logs/app.log");
        assertEquals(ObjectType.APPENDABLE, log.type());
        assertEquals(20, log.length());
        assertEquals(2313496259928504459L, log.crc64());
        assertEquals("text/plain", log.headers().contentType());
        assertEquals(ObjectType.NORMAL, second.find("b", "normal").type());
        assertNull(second.find("b", "gone"));
        assertEquals(AppendOutcome.Kind.APPENDED, second.append("b", "logs/app.log", 20, b("!"), NONE).kind());
        second.checkpoint();

        ObjectStore third = new ObjectStore(List.of("b"), new DirectoryBackend(dir), 1000, System::currentTimeMillis);
        byte[] all = b("hi oss,append object!");
        assertEquals(Crc64.compute(all, 0, all.length), third.find("b", "logs/app.log").crc64());
        assertEquals(new String(all, StandardCharsets.UTF_8), new String(
                third.find("b", "logs/app.log").data().open(0, all.length).readAllBytes(), StandardCharsets.UTF_8));
    }
    @Test
    void aDirectoryStoreKeepsEachObjectInAFileNamedAfterItsKey(@TempDir Path dir) throws Exception {
        ObjectStore store = new ObjectStore(List.of("b"), new DirectoryBackend(dir), 1000, System::currentTimeMillis);
        store.append("b", "logs/app.log", 0, b("line 1\n"), NONE);
        Path file = dir.resolve("b").resolve("logs").resolve("app.log");
        assertEquals("line 1\n", java.nio.file.Files.readString(file), "a tail -f of this file follows the log");
        store.append("b", "logs/app.log", 7, b("line 2\n"), NONE);
        assertEquals("line 1\nline 2\n", java.nio.file.Files.readString(file));

        // keys that cannot be such a file: their bytes stay in the emulator's own directory
        for (String key : new String[] {"logs", "logs/app.log/x", "../escape", "a//b", "dir/", ".appendlog/x"}) {
            store.put("b", key, b(key), NONE);
        }
        assertTrue(java.nio.file.Files.isDirectory(dir.resolve("b").resolve("logs")));
        assertTrue(java.nio.file.Files.notExists(dir.resolve("escape")), "never outside the bucket's directory");
        store.delete("b", "a//b");
        store.checkpoint();

        ObjectStore again = new ObjectStore(List.of("b"), new DirectoryBackend(dir), 1000, System::currentTimeMillis);
        for (String key : new String[] {"logs", "logs/app.log/x", "../escape", "dir/", ".appendlog/x"}) {
            assertEquals(key, new String(again.find("b", key).data().open(0, key.length()).readAllBytes(),
                    StandardCharsets.UTF_8), key);
        }
        assertNull(again.find("b", "a//b"));
        assertEquals(14, again.find("b", "logs/app.log").length());
        assertTrue(again.delete("b", "logs/app.log"));
        assertTrue(java.nio.file.Files.notExists(file));
    }

    @Test
    void aDirectoryOfTheEarlierLayoutIsStillRead(@TempDir Path dir) throws Exception {
        ObjectStore store = new ObjectStore(List.of("b"), new DirectoryBackend(dir), 1000, System::currentTimeMillis);
        store.append("b", "old.log", 0, b("old bytes"), NONE);
        store.checkpoint();
        // move the files to where an earlier emulator kept them: <id>.meta and <id>.data in the bucket's directory
        Path own = dir.resolve("b").resolve(DirectoryBackend.OWN_DIRECTORY);
        try (java.util.stream.Stream<Path> metas = java.nio.file.Files.list(own)) {
            for (Path meta : (Iterable<Path>) metas::iterator) {
                String id = meta.getFileName().toString().replace(".meta", "");
                java.util.Properties p = new java.util.Properties();
                try (java.io.Reader r = java.nio.file.Files.newBufferedReader(meta)) {
                    p.load(r);
                }
                p.remove("file");
                try (java.io.Writer w = java.nio.file.Files.newBufferedWriter(dir.resolve("b").resolve(id + ".meta"))) {
                    p.store(w, null);
                }
                java.nio.file.Files.delete(meta);
                java.nio.file.Files.move(dir.resolve("b").resolve("old.log"), dir.resolve("b").resolve(id + ".data"));
            }
        }
        ObjectStore again = new ObjectStore(List.of("b"), new DirectoryBackend(dir), 1000, System::currentTimeMillis);
        assertEquals("old bytes", new String(again.find("b", "old.log").data().open(0, 9).readAllBytes(),
                StandardCharsets.UTF_8));
    }
}
