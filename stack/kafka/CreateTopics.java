import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * Creates the suite's topics listed in topics.txt ("name partitions") that do not exist yet.
 * Run by ./suite with the broker's own jars: java -cp '.stack/kafka/libs/*' CreateTopics.java topics.txt
 */
public class CreateTopics {

    public static void main(String[] args) throws Exception {
        String bootstrap = args.length > 1 ? args[1] : "127.0.0.1:9092";
        List<NewTopic> wanted = Files.readAllLines(Path.of(args[0])).stream()
                .map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                .map(line -> line.split("\\s+"))
                .map(f -> new NewTopic(f[0], Integer.parseInt(f[1]), (short) 1)
                        .configs(Map.of("min.insync.replicas", "1")))
                .toList();
        Properties config = new Properties();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (Admin admin = Admin.create(config)) {
            Set<String> existing = admin.listTopics().names().get();
            List<NewTopic> missing = wanted.stream().filter(t -> !existing.contains(t.name())).toList();
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get();
            }
            System.out.println("topics: " + missing.size() + " created, " + (wanted.size() - missing.size()) + " present");
        }
    }
}
