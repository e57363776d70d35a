package io.github.appendlog.emulator;

/** {@code x-oss-object-type}: how an object was made, which decides whether it can be appended to. */
enum ObjectType {
    APPENDABLE("Appendable"),
    NORMAL("Normal");

    private final String wireName;

    ObjectType(String wireName) {
        this.wireName = wireName;
    }

    String wireName() {
        return wireName;
    }

    static ObjectType fromWireName(String name) {
        for (ObjectType t : values()) {
            if (t.wireName.equalsIgnoreCase(name)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown object type " + name);
    }
}
