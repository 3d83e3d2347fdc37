package org.gdprsuite.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The cross-check: the same calls by an established load tool, {@code wrk} (Debian's package), in the same run,
 * on the same connections count, paced to the same rate by a small script. If the suite answered fast and only
 * the bench saw it slow, the bench would be measuring itself; the two figures side by side show it.
 *
 * <p>wrk is closed loop (a connection waits for its answer before the next call), so under overload it
 * sends less instead of queueing and its latency leaves out the wait (coordinated omission): its figure is
 * a floor, the bench's the honest one; its achieved rate says whether it kept the pace.
 */
final class Wrk {

    /** What wrk reported: achieved rate, calls, failures and latency percentiles (ms). */
    record Result(double perSecond, long requests, long non2xx, long socketErrors, TreeMap<Double, Double> millis) {

        long errors() {
            return non2xx + socketErrors;
        }

        double millisAt(double percentile) {
            return millis.getOrDefault(percentile, Double.NaN);
        }

        String note(int connections, int rate) {
            return "wrk: " + connections + " keep-alive connections paced to " + rate + "/s, reached "
                    + Report.number(perSecond) + "/s, p50 " + Report.number(millisAt(50)) + " ms; "
                    + Errors.note(errors(), requests) + "; closed loop, a floor";
        }
    }

    private static final Pattern PERCENTILE = Pattern.compile("^\\s*(\\d+(?:\\.\\d+)?)%\\s+([\\d.]+)(us|ms|s|m)\\s*$");
    private static final Pattern REQUESTS = Pattern.compile("(\\d+) requests in");
    private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses: (\\d+)");
    private static final Pattern SOCKET =
            Pattern.compile("Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)");
    private static final Pattern RATE = Pattern.compile("Requests/sec:\\s+([\\d.]+)");

    private Wrk() {}

    /**
     * Runs wrk for {@code duration} on one thread, {@code connections} connections, each call a random path of
     * {@code paths}; empty when wrk is not installed or failed (the reason printed).
     */
    static Optional<Result> run(
            String wrk, String base, List<String> paths, String token, int rate, int connections, Duration duration) {
        if (wrk == null || wrk.isBlank() || !Files.isExecutable(Path.of(wrk))) {
            Bench.say("wrk cross-check skipped: wrk not installed (./suite bench installs it)");
            return Optional.empty();
        }
        try {
            Path dir = Files.createTempDirectory("bench-wrk");
            Path list = dir.resolve("paths.txt");
            Files.write(list, paths);
            Path script = dir.resolve("paced.lua");
            Files.writeString(script, script(list, rate));
            Process p = new ProcessBuilder(
                            wrk,
                            "-t1",
                            "-c" + connections,
                            "-d" + duration.toSeconds() + "s",
                            "--timeout",
                            "30s",
                            "--latency",
                            "-s",
                            script.toString(),
                            "-H",
                            "Authorization: Bearer " + token,
                            base)
                    .redirectErrorStream(true)
                    .start();
            String out = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(duration.toSeconds() + 60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                Bench.say("wrk failed: " + out.lines().limit(5).toList());
                return Optional.empty();
            }
            return Optional.of(parse(out));
        } catch (IOException e) {
            Bench.say("wrk failed: " + e.getMessage());
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /**
     * Random paths of the list, paced: each call claims the next slot of the schedule at {@code rate}/s and
     * waits for it (wrk's {@code delay}); a thread behind schedule sends at once until it has caught up.
     */
    static String script(Path paths, int rate) {
        return String.format(Locale.ROOT, """
                local ffi = require("ffi")
                ffi.cdef[[
                typedef struct { long tv_sec; long tv_nsec; } bench_timespec;
                int clock_gettime(int clock, bench_timespec *ts);
                ]]
                local ts = ffi.new("bench_timespec")
                local function now_ms()
                  ffi.C.clock_gettime(1, ts)
                  return tonumber(ts.tv_sec) * 1000 + tonumber(ts.tv_nsec) / 1e6
                end
                local paths = {}
                for line in io.lines("%s") do paths[#paths + 1] = line end
                math.randomseed(os.time())
                local interval = %.6f
                local due = nil
                request = function()
                  return wrk.format("GET", paths[math.random(#paths)])
                end
                delay = function()
                  local t = now_ms()
                  if due == nil then due = t end
                  due = due + interval
                  if due <= t then return 0 end
                  return due - t
                end
                """, paths, 1000.0 / rate);
    }

    static Result parse(String out) {
        TreeMap<Double, Double> millis = new TreeMap<>();
        long requests = 0;
        long non2xx = 0;
        long socket = 0;
        double rate = Double.NaN;
        for (String line : out.lines().toList()) {
            Matcher m;
            if ((m = PERCENTILE.matcher(line)).matches()) {
                millis.put(Double.parseDouble(m.group(1)), toMillis(Double.parseDouble(m.group(2)), m.group(3)));
            } else if ((m = REQUESTS.matcher(line)).find()) {
                requests = Long.parseLong(m.group(1));
            } else if ((m = NON_2XX.matcher(line)).find()) {
                non2xx = Long.parseLong(m.group(1));
            } else if ((m = SOCKET.matcher(line)).find()) {
                List<Long> counts = new ArrayList<>();
                for (int i = 1; i <= 4; i++) {
                    counts.add(Long.parseLong(m.group(i)));
                }
                socket = counts.stream().mapToLong(Long::longValue).sum();
            } else if ((m = RATE.matcher(line)).find()) {
                rate = Double.parseDouble(m.group(1));
            }
        }
        return new Result(rate, requests, non2xx, socket, millis);
    }

    private static double toMillis(double value, String unit) {
        return switch (unit) {
            case "us" -> value / 1000;
            case "ms" -> value;
            case "s" -> value * 1000;
            default -> value * 60_000;
        };
    }
}
