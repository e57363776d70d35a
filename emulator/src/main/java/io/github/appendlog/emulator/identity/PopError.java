package io.github.appendlog.emulator.identity;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * An error reply of an Alibaba Cloud RPC ("POP") API such as STS: HTTP status and the JSON body
 * {@code {"RequestId","HostId","Code","Message","Recommend"}}. Messages never hold a secret or a
 * token.
 */
final class PopError {
    final int status;
    final String code;
    final String message;

    private PopError(int status, String code, String message) {
        this.status = status;
        this.code = code;
        this.message = message;
    }

    static PopError of(int status, String code, String message) {
        return new PopError(status, code, message);
    }

    /** {@code Missing<Name>}: a required parameter is absent or empty. */
    static PopError missing(String parameter) {
        return of(400, "Missing" + parameter, parameter + " is mandatory for this action.");
    }

    /** {@code InvalidParameter.<Name>}: a parameter is malformed or out of range. */
    static PopError invalid(String parameter, String message) {
        return of(400, "InvalidParameter." + parameter, message);
    }

    FakeService.Answer answer(String hostId) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("RequestId", UUID.randomUUID().toString().toUpperCase());
        body.put("HostId", hostId == null ? "sts.aliyuncs.com" : hostId);
        body.put("Code", code);
        body.put("Message", message);
        body.put("Recommend", "https://api.aliyun.com/troubleshoot?q=" + code + "&product=Sts");
        return FakeService.Answer.json(status, Json.object(body));
    }
}
