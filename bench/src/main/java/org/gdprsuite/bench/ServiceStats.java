package org.gdprsuite.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Resident memory (from /proc) and start-up time (from the Quarkus start line of the log) of each service. */
final class ServiceStats {

    /** The services' management ports under ./suite: /q/health and /q/metrics are served there only. */
    static final Map<String, Integer> MANAGEMENT_PORTS = Map.of(
            "gateway",
            9000,
            "contact-service",
            9001,
            "consent-service",
            9002,
            "subscription-service",
            9003,
            "erasure-service",
            9004,
            "incident-service",
            9005);

    static final List<String> SERVICES = List.of(
            "gateway",
            "contact-service",
            "consent-service",
            "subscription-service",
            "erasure-service",
            "incident-service");

    private static final Pattern STARTED = Pattern.compile("started in (\\d+(?:\\.\\d+)?)s");
    private static final Pattern RSS = Pattern.compile("VmRSS:\\s+(\\d+) kB");

    private ServiceStats() {}

    static void run(Path root, Report report) {
        for (String service : SERVICES) {
            rssMiB(root, service)
                    .ifPresent(mib ->
                            report.add(Figure.info("RSS after the run: " + service, mib, "MiB", "-Xmx256m (./suite)")));
        }
        for (String service : SERVICES) {
            startupSeconds(root, service)
                    .ifPresent(s ->
                            report.add(Figure.info("startup: " + service, s, "s", "Quarkus 'started in', last start")));
        }
    }

    static Optional<Double> rssMiB(Path root, String service) {
        try {
            String pid = Files.readString(root.resolve(".stack/run/" + service + ".pid"))
                    .strip();
            return parseRssKiB(Files.readString(Path.of("/proc", pid, "status")))
                    .map(kib -> kib / 1024.0);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    static Optional<Double> startupSeconds(Path root, String service) {
        try {
            return lastStart(Files.readString(root.resolve(".stack/logs/" + service + ".log")));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    static Optional<Long> parseRssKiB(String procStatus) {
        Matcher m = RSS.matcher(procStatus);
        return m.find() ? Optional.of(Long.parseLong(m.group(1))) : Optional.empty();
    }

    /** The start-up time of the newest start in a log that may hold several. */
    static Optional<Double> lastStart(String log) {
        Matcher m = STARTED.matcher(log);
        Double last = null;
        while (m.find()) {
            last = Double.parseDouble(m.group(1));
        }
        return Optional.ofNullable(last);
    }
}
