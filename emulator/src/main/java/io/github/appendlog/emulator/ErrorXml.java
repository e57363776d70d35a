package io.github.appendlog.emulator;

import java.util.Map;

/** Renders OSS XML bodies (errors) and escapes XML text. */
final class ErrorXml {
    private ErrorXml() {
    }

    static String render(OssError error, String requestId, String hostId) {
        StringBuilder sb = new StringBuilder(512);
        sb.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error>\n");
        element(sb, "Code", error.code());
        element(sb, "Message", error.message());
        element(sb, "RequestId", requestId);
        element(sb, "HostId", hostId);
        for (Map.Entry<String, String> f : error.fields().entrySet()) {
            element(sb, f.getKey(), f.getValue());
        }
        if (error.ec() != null) {
            element(sb, "EC", error.ec());
        }
        return sb.append("</Error>\n").toString();
    }

    static void element(StringBuilder sb, String name, String text) {
        sb.append("  <").append(name).append('>');
        escape(sb, text);
        sb.append("</").append(name).append(">\n");
    }

    static void escape(StringBuilder sb, String text) {
        if (text == null) {
            return;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<': sb.append("&lt;"); break;
                case '>': sb.append("&gt;"); break;
                case '&': sb.append("&amp;"); break;
                case '"': sb.append("&quot;"); break;
                case '\'': sb.append("&apos;"); break;
                case '\n': sb.append("&#10;"); break;
                case '\r': sb.append("&#13;"); break;
                default: sb.append(c);
            }
        }
    }
}
