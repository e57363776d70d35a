package io.github.appendlog.emulator;

/** The OSS operations the emulator tells apart, for request counts and fault filters. */
public enum Operation {
    /** PutObject: {@code PUT /key}. */
    PUT,
    /** AppendObject: {@code POST /key?append&position=N}. */
    APPEND,
    /** GetObject, ranged or not. */
    GET,
    /** HeadObject. */
    HEAD,
    /** DeleteObject. */
    DELETE,
    /** ListObjects / ListObjectsV2: {@code GET /?list-type=2&prefix=...}. */
    LIST,
    /** Anything else (answered 501 NotImplemented, or an error before the operation is known). */
    OTHER,
    /** In a fault filter or {@code requestCount}: every operation. */
    ANY;

    boolean matches(Operation actual) {
        return this == ANY || this == actual;
    }
}
