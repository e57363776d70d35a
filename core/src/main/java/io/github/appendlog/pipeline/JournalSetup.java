package io.github.appendlog.pipeline;

import io.github.appendlog.buffer.EventBuffer;
import io.github.appendlog.config.AppendlogConfig;
import io.github.appendlog.journal.JournalLink;
import io.github.appendlog.journal.JournalOptions;
import io.github.appendlog.journal.JournalReports;
import io.github.appendlog.journal.JournalStage;
import io.github.appendlog.status.EventLedger;
import io.github.appendlog.status.StatusReporter;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.function.UnaryOperator;

/** Makes a pipeline's journal thread from the settings: the journal lives in {@code <journalDirectory>/<name>}. */
final class JournalSetup {
    private JournalSetup() {
    }

    static JournalStage stage(AppendlogConfig config, StatusReporter status, String prefix, JournalLink link,
            EventBuffer buffer, EventLedger ledger, Runnable wakeSender, UnaryOperator<JournalOptions.Builder> tests) {
        Path dir = directory(config);
        JournalOptions options = tests.apply(JournalOptions.builder(dir).maxBytes(config.maxJournalBytes())
                .sync(config.journalSync()).syncInterval(config.journalSyncInterval())
                .overflow(config.journalOverflowPolicy())).build();
        JournalReports reports = new JournalReports(status, prefix, dir, config.dropReportInterval().toNanos());
        return new JournalStage(options, link, buffer, ledger, reports,
                new PipelineThreadFactory("journal", config.name(), status),
                new PipelineThreadFactory("journal-sync", config.name(), status), wakeSender,
                config.flushInterval().toNanos(), config.maxBatchBytes());
    }

    /** The appender's own directory under {@code journalDirectory}: its name, with anything but letters, digits, '.', '-' and '_' as '_'. */
    static Path directory(AppendlogConfig config) {
        String name = config.name().replaceAll("[^A-Za-z0-9._-]", "_");
        if (name.isEmpty() || name.equals(".") || name.equals("..")) {
            name = "appender" + name.replace('.', '_');
        }
        return Paths.get(config.journalDirectory()).resolve(name);
    }
}
