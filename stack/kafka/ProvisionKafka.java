import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialAlteration;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * Brings the suite's Kafka to the contract, idempotently, as the admin user: the topics of topics.txt
 * ("name partitions") that are missing, a SCRAM user per principal of acls.txt (its password from
 * credentials/<principal>), and exactly the ACLs of acls.txt (rights no longer listed are removed; the copies
 * that tests make for their private topics, test-*, are left to them). Run by ./suite with the broker's jars:
 * java -cp '.stack/kafka/libs/*' ProvisionKafka.java topics.txt acls.txt bootstrap credentials-dir
 */
public class ProvisionKafka {

    public static void main(String[] args) throws Exception {
        Path credentials = Path.of(args[3]);
        Properties config = new Properties();
        config.put("bootstrap.servers", args[2]);
        config.put("security.protocol", "SASL_PLAINTEXT");
        config.put("sasl.mechanism", "SCRAM-SHA-512");
        config.put("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required"
                + " username=\"admin\" password=\"" + password(credentials, "admin") + "\";");
        List<String[]> rights = lines(Path.of(args[1]));
        try (Admin admin = Admin.create(config)) {
            createTopics(admin, Path.of(args[0]));
            Set<String> principals = new TreeSet<>();
            rights.forEach(right -> principals.add(right[0]));
            List<UserScramCredentialAlteration> users = new ArrayList<>();
            for (String principal : principals) {
                users.add(new UserScramCredentialUpsertion(
                        principal,
                        new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 8192),
                        password(credentials, principal)));
            }
            admin.alterUserScramCredentials(users).all().get();
            applyAcls(admin, rights);
            System.out.println("kafka: " + principals.size() + " users, " + rights.size() + " rights");
        }
    }

    private static void createTopics(Admin admin, Path file) throws Exception {
        List<NewTopic> wanted = lines(file).stream()
                .map(f -> new NewTopic(f[0], Integer.parseInt(f[1]), (short) 1)
                        .configs(Map.of("min.insync.replicas", "1")))
                .toList();
        Set<String> existing = admin.listTopics().names().get();
        List<NewTopic> missing =
                wanted.stream().filter(t -> !existing.contains(t.name())).toList();
        if (!missing.isEmpty()) {
            admin.createTopics(missing).all().get();
        }
        System.out.println("topics: " + missing.size() + " created, " + (wanted.size() - missing.size()) + " present");
    }

    private static void applyAcls(Admin admin, List<String[]> rights) throws Exception {
        Set<AclBinding> wanted = new HashSet<>();
        for (String[] right : rights) {
            String principal = "User:" + right[0];
            String name = right[2];
            switch (right[1]) {
                case "write" -> wanted.add(allow(principal, ResourceType.TOPIC, name, AclOperation.WRITE));
                case "read" -> wanted.add(allow(principal, ResourceType.TOPIC, name, AclOperation.READ));
                case "group" -> wanted.add(allow(principal, ResourceType.GROUP, name, AclOperation.READ));
                default -> throw new IllegalArgumentException("unknown right '" + right[1] + "' in acls.txt");
            }
        }
        Collection<AclBinding> existing = admin.describeAcls(AclBindingFilter.ANY).values().get();
        List<AclBindingFilter> stale = existing.stream()
                .filter(binding -> !wanted.contains(binding) && !copiedByTests(binding))
                .map(AclBinding::toFilter)
                .toList();
        if (!stale.isEmpty()) {
            admin.deleteAcls(stale).all().get();
        }
        admin.createAcls(wanted.stream().filter(b -> !existing.contains(b)).toList()).all().get();
    }

    /** "name" is a literal resource, "name*" a prefix, "*" any resource of the type. */
    private static AclBinding allow(String principal, ResourceType type, String name, AclOperation operation) {
        ResourcePattern pattern = name.length() > 1 && name.endsWith("*")
                ? new ResourcePattern(type, name.substring(0, name.length() - 1), PatternType.PREFIXED)
                : new ResourcePattern(type, name, PatternType.LITERAL);
        return new AclBinding(pattern, new AccessControlEntry(principal, "*", operation, AclPermissionType.ALLOW));
    }

    private static boolean copiedByTests(AclBinding binding) {
        return binding.pattern().patternType() == PatternType.LITERAL
                && binding.pattern().name().startsWith("test-");
    }

    private static String password(Path credentials, String principal) throws Exception {
        return Files.readString(credentials.resolve(principal)).strip();
    }

    private static List<String[]> lines(Path file) throws Exception {
        return Files.readAllLines(file).stream()
                .map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                .map(line -> line.split("\\s+"))
                .toList();
    }
}
