package io.berth.app.manifest;

import io.berth.reconciler.model.SecretFile;
import io.berth.reconciler.model.SecretReference;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads a container's {@code secrets} (ECS's form: {@code [{name, valueFrom: "secret:key"}]}) and {@code files}
 * ({@code [{path, secret | config, key, mode, uid, gid}]}). Whether the secrets and keys exist is checked at apply,
 * against the stored ones and those of the same request; where a file may go is the admission policy's
 * ({@code SecretFileRule}).
 */
final class SecretRefsReader {

    /** Kubernetes' rule for a key of a Secret or ConfigMap: what can be a file name and an environment value. */
    static final Pattern KEY = Pattern.compile("[-._a-zA-Z0-9]{1,253}");
    private static final Pattern MODE = Pattern.compile("0?[0-7]{3,4}");

    private SecretRefsReader() {
    }

    static List<SecretReference> secrets(ObjectFields fields, Map<String, String> environment) {
        return fields.objects("secrets", r -> {
            String name = r.requiredString("name");
            String valueFrom = r.requiredString("valueFrom");
            r.rejectUnknown();
            if (name == null || valueFrom == null) {
                return null;
            }
            if (name.isEmpty() || name.indexOf('=') >= 0 || name.indexOf('\0') >= 0) {
                r.reject(r.path("name"), "environment variable name must be non-empty and contain no '='");
            } else if (environment.containsKey(name)) {
                r.reject(r.path("name"), "\"" + name + "\" is also set in environment: set it in one place");
            }
            if (valueFrom.startsWith("arn:")) {
                r.reject(r.path("valueFrom"), "is an AWS ARN (Secrets Manager or SSM), which Berth cannot reach: "
                        + "apply a Berth Secret holding the value (kind: Secret, stringData: {KEY: ...}) and write "
                        + "valueFrom: \"<secret name>:<KEY>\"");
                return null;
            }
            int colon = valueFrom.indexOf(':');
            if (colon <= 0 || colon == valueFrom.length() - 1 || valueFrom.indexOf(':', colon + 1) >= 0) {
                r.reject(r.path("valueFrom"), "must be \"<secret name>:<key>\" naming a Berth Secret and one of its "
                        + "keys, got \"" + valueFrom + "\"");
                return null;
            }
            String secret = valueFrom.substring(0, colon);
            String key = valueFrom.substring(colon + 1);
            Names.check(secret, r.path("valueFrom"), r.errors());
            if (!KEY.matcher(key).matches()) {
                r.reject(r.path("valueFrom"), "key \"" + key + "\" must be 1-253 letters, digits, '-', '_' or '.'");
            }
            return new SecretReference(name, secret, key);
        });
    }

    static List<SecretFile> files(ObjectFields fields) {
        return fields.objects("files", f -> {
            String path = f.requiredString("path");
            String secret = f.string("secret");
            String config = f.string("config");
            String key = f.requiredString("key");
            String modeText = f.get("mode") == null ? null : NodeTypes.scalarText(f.get("mode"), f.path("mode"), f.errors());
            Integer uid = f.integer("uid");
            Integer gid = f.integer("gid");
            f.rejectUnknown();
            if ((secret == null) == (config == null)) {
                f.reject(f.path("secret"), "set exactly one of secret and config");
                return null;
            }
            SecretFile.Source source = secret != null ? SecretFile.Source.SECRET : SecretFile.Source.CONFIG;
            String name = secret != null ? secret : config;
            Names.check(name, f.path(source.field()), f.errors());
            if (key != null && !KEY.matcher(key).matches()) {
                f.reject(f.path("key"), "must be 1-253 letters, digits, '-', '_' or '.', got \"" + key + "\"");
            }
            int mode = source == SecretFile.Source.SECRET ? SecretFile.DEFAULT_SECRET_MODE : SecretFile.DEFAULT_CONFIG_MODE;
            if (modeText != null) {
                // Written as a string ("0400") it is octal; YAML reads a bare 0400 as the number 256.
                if (f.get("mode").isNumber() || !MODE.matcher(modeText).matches()) {
                    f.reject(f.path("mode"), "must be octal permission bits in quotes, like \"0400\", got " + modeText);
                } else {
                    mode = Integer.parseInt(modeText, 8);
                }
            }
            for (var id : new Object[][]{{"uid", uid}, {"gid", gid}}) {
                if (id[1] != null && (Integer) id[1] < 0) {
                    f.reject(f.path((String) id[0]), "must be >= 0");
                }
            }
            if (path == null || key == null) {
                return null;
            }
            return new SecretFile(path, source, name, key, mode, uid == null ? 0 : Math.max(uid, 0),
                    gid == null ? 0 : Math.max(gid, 0));
        });
    }
}
