package io.github.appendlog.emulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.hc.core5.http.HttpEntity;

/** A reply to send: status, headers and body, or an {@link OssError}. */
final class Reply {
    private final int status;
    private final OssError error;
    private final List<Map.Entry<String, String>> headers = new ArrayList<>();
    private HttpEntity entity;

    private Reply(int status, OssError error) {
        this.status = status;
        this.error = error;
    }

    static Reply ok(int status) {
        return new Reply(status, null);
    }

    static Reply error(OssError error) {
        return new Reply(error.status(), error);
    }

    Reply header(String name, String value) {
        headers.add(Map.entry(name, value));
        return this;
    }

    Reply entity(HttpEntity body) {
        this.entity = body;
        return this;
    }

    int status() {
        return status;
    }

    /** The error, or null for a success. */
    OssError error() {
        return error;
    }

    boolean succeeded() {
        return error == null;
    }

    List<Map.Entry<String, String>> headers() {
        return headers;
    }

    HttpEntity entity() {
        return entity;
    }
}
