package io.github.appendlog.cli;

import io.github.appendlog.oss.OssObjectSummary;
import io.github.appendlog.store.ObjectInfo;
import java.io.PrintStream;

/**
 * {@code ls oss://bucket/prefix}: one line per object under the prefix, in the store's order:
 * size in bytes, last modified (as listed, UTC), {@code appendable} or the store's other type,
 * and the object's URL. The type comes from the listing, or from a HEAD when the listing has none.
 */
final class ListCommand {
    private final ReaderStore store;
    private final OssUrl url;
    private final PrintStream out;

    ListCommand(ReaderStore store, OssUrl url, PrintStream out) {
        this.store = store;
        this.url = url;
        this.out = out;
    }

    void run() throws CliException {
        for (OssObjectSummary o : store.list(url.key)) {
            String type = o.type();
            long size = o.size();
            if (type == null || size < 0) {
                ObjectInfo info = store.head(o.key());
                if (info == null) {
                    continue; // deleted since the listing
                }
                type = info.type();
                size = info.length();
            }
            String kind = type.equalsIgnoreCase("Appendable") ? "appendable" : type.toLowerCase(java.util.Locale.ROOT);
            out.printf("%12d  %-24s  %-10s  %s%n", size, o.lastModified() == null ? "-" : o.lastModified(), kind,
                    url.location(o.key()));
        }
        out.flush();
    }
}
