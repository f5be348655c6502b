package dev.connectconfig.usersexport;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * Realistic rows of the Connect analytics data lake's users table, and the CSV Athena writes for them: every value
 * quoted, quotes doubled, NULL as an empty unquoted field.
 */
final class UserRecords {

    static final String INSTANCE_ID = "8f3e2a51-7c4d-4b8e-9a61-2f5d0c7b3e19";
    static final String ACCOUNT = "111122223333";

    static final List<ResultColumn> COLUMNS = List.of(
            new ResultColumn("instance_id", "varchar"),
            new ResultColumn("aws_account_id", "varchar"),
            new ResultColumn("user_id", "varchar"),
            new ResultColumn("user_arn", "varchar"),
            new ResultColumn("username", "varchar"),
            new ResultColumn("first_name", "varchar"),
            new ResultColumn("last_name", "varchar"),
            new ResultColumn("email", "varchar"),
            new ResultColumn("mobile", "varchar"),
            new ResultColumn("agent_hierarchy_group_id", "varchar"),
            new ResultColumn("routing_profile_id", "varchar"),
            new ResultColumn("security_profile_ids", "array(varchar)"),
            new ResultColumn("phone_type", "varchar"),
            new ResultColumn("auto_accept", "boolean"),
            new ResultColumn("after_contact_work_time_limit", "integer"),
            new ResultColumn("last_modified_region", "varchar"),
            new ResultColumn("last_modified_timestamp", "timestamp"));

    private static final String[] FIRST = {"María", "James", "Aiko", "Oluwaseun", "Zoë", "Chen", "Priya", "Ahmed",
        "Ingrid", "José", "Fatima", "Liam", "Sofía", "Dmitri", "Amara", "Noah"};
    private static final String[] LAST = {"García", "O'Brien", "Nakamura", "Adeyemi", "Müller", "Wang", "Patel",
        "Haddad", "Johansson", "Rodríguez", "Khan", "Smith", "van der Berg", "Ivanov", "Okafor", "Brown"};
    private static final String[] PROFILES = {"8a1f0c2e-1111-4a5b-9c3d-0e1f2a3b4c5d",
        "3b2e1d0c-2222-4b6c-8d7e-1f2a3b4c5d6e", "c4d5e6f7-3333-4c7d-9e8f-2a3b4c5d6e7f"};
    private static final String[] REGIONS = {"us-east-1", "us-west-2"};

    private UserRecords() {
    }

    /** The {@code index}-th user; the same index always gives the same user. */
    static String[] user(long index) {
        SplittableRandom random = new SplittableRandom(index * 7919L + 17);
        String first = FIRST[random.nextInt(FIRST.length)];
        String last = LAST[random.nextInt(LAST.length)];
        String id = new UUID(random.nextLong(), random.nextLong()).toString();
        String username = (first.charAt(0) + last.replace(" ", "").replace("'", "")).toLowerCase() + index;
        boolean softPhone = random.nextInt(10) < 8;
        return new String[] {
            INSTANCE_ID,
            ACCOUNT,
            id,
            "arn:aws:connect:us-east-1:" + ACCOUNT + ":instance/" + INSTANCE_ID + "/agent/" + id,
            username,
            first,
            last,
            username + "@example.com",
            random.nextInt(3) == 0 ? null : "+1206555" + String.format("%04d", random.nextInt(10_000)),
            random.nextInt(5) == 0 ? null : new UUID(index / 50, 42).toString(),
            PROFILES[random.nextInt(PROFILES.length)],
            "[" + PROFILES[0] + (random.nextBoolean() ? ", " + PROFILES[2] : "") + "]",
            softPhone ? "SOFT_PHONE" : "DESK_PHONE",
            Boolean.toString(random.nextInt(4) == 0),
            Integer.toString(random.nextInt(4) * 30),
            REGIONS[random.nextInt(REGIONS.length)],
            Instant.ofEpochSecond(1_700_000_000L + random.nextInt(30_000_000)).toString().replace('T', ' ')
                    .replace("Z", ".000"),
        };
    }

    /** One CSV record the way Athena writes it, with its line break. */
    static String athenaLine(String... values) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                line.append(',');
            }
            if (values[i] != null) {
                line.append('"').append(values[i].replace("\"", "\"\"")).append('"');
            }
        }
        return line.append('\n').toString();
    }

    static String header() {
        return athenaLine(COLUMNS.stream().map(ResultColumn::name).toArray(String[]::new));
    }

    /** Athena's result for {@code rows} users, as text. */
    static String athenaCsv(int rows) {
        StringBuilder csv = new StringBuilder(header());
        for (int i = 0; i < rows; i++) {
            csv.append(athenaLine(user(i)));
        }
        return csv.toString();
    }

    /** Athena's result for {@code rows} users, written to a file without holding it in memory; returns its size. */
    static long writeAthenaCsv(Path file, long rows) {
        try (Writer out = new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), 1 << 16)) {
            out.write(header());
            for (long i = 0; i < rows; i++) {
                out.write(athenaLine(user(i)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
