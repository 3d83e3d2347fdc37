import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * Creates missing roles and databases on the embedded PostgreSQL, whose binaries bring no psql.
 * java -cp postgresql-jdbc.jar EnsureDatabases.java <port> <owner>:<database> ...
 * (The role's password is its name: development defaults, like the Debian cluster path of ./suite.)
 */
public class EnsureDatabases {

    public static void main(String[] args) throws Exception {
        String url = "jdbc:postgresql://127.0.0.1:" + args[0] + "/postgres";
        try (Connection admin = DriverManager.getConnection(url, "postgres", "postgres");
                Statement ddl = admin.createStatement()) {
            for (int i = 1; i < args.length; i++) {
                String[] pair = args[i].split(":");
                String owner = identifier(pair[0]);
                String database = identifier(pair[1]);
                if (!exists(admin, "SELECT 1 FROM pg_roles WHERE rolname = ?", owner)) {
                    ddl.execute("CREATE ROLE " + owner + " LOGIN PASSWORD '" + owner + "'");
                }
                if (!exists(admin, "SELECT 1 FROM pg_database WHERE datname = ?", database)) {
                    ddl.execute("CREATE DATABASE " + database + " OWNER " + owner);
                }
            }
        }
    }

    private static boolean exists(Connection c, String sql, String name) throws Exception {
        try (PreparedStatement query = c.prepareStatement(sql)) {
            query.setString(1, name);
            try (ResultSet rs = query.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static String identifier(String name) {
        if (!name.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("not a plain identifier: " + name);
        }
        return name;
    }
}
