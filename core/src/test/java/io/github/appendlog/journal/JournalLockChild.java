package io.github.appendlog.journal;

import java.nio.file.Paths;

/**
 * The other process of {@link DirectoryLockTest}: {@code <dir> hold} opens the journal, writes 3
 * entries, prints "held" and waits to be killed; {@code <dir> try} prints "opened" or "locked ...".
 */
public final class JournalLockChild {
    private JournalLockChild() {
    }

    public static void main(String[] args) throws Exception {
        JournalOptions options = JournalOptions.builder(Paths.get(args[0])).build();
        try (Journal j = Journal.open(options, (events, reason) -> { })) {
            if (args[1].equals("hold")) {
                JournalFixture.write(j, JournalFixture.entries(1, 3, 20));
                System.out.println("held");
                System.out.flush();
                System.in.read();
            } else {
                System.out.println("opened");
            }
        } catch (JournalLockedException e) {
            System.out.println("locked " + e.getMessage());
        }
    }
}
