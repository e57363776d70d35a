package io.github.appendlog.emulator;

/** What the store did with an append: applied, or refused for one of the reasons OSS refuses. */
final class AppendOutcome {
    enum Kind { APPENDED, POSITION_MISMATCH, NOT_APPENDABLE, TOO_LARGE }

    private final Kind kind;
    private final long currentLength;
    private final ObjectSnapshot object;

    private AppendOutcome(Kind kind, long currentLength, ObjectSnapshot object) {
        this.kind = kind;
        this.currentLength = currentLength;
        this.object = object;
    }

    static AppendOutcome appended(ObjectSnapshot object) {
        return new AppendOutcome(Kind.APPENDED, object.length(), object);
    }

    static AppendOutcome positionMismatch(long currentLength) {
        return new AppendOutcome(Kind.POSITION_MISMATCH, currentLength, null);
    }

    static AppendOutcome notAppendable(long currentLength) {
        return new AppendOutcome(Kind.NOT_APPENDABLE, currentLength, null);
    }

    static AppendOutcome tooLarge(long currentLength) {
        return new AppendOutcome(Kind.TOO_LARGE, currentLength, null);
    }

    Kind kind() {
        return kind;
    }

    /** The object's length: after the append when applied, as found otherwise. */
    long currentLength() {
        return currentLength;
    }

    /** The object after the append; null unless {@link Kind#APPENDED}. */
    ObjectSnapshot object() {
        return object;
    }
}
