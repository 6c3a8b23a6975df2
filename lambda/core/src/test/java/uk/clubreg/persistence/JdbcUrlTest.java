package uk.clubreg.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.postgresql.Driver;

class JdbcUrlTest {

    private static final String NEON = "postgresql://club_app:s3cr%40t@ep-x-pooler.eu-west-2.aws.neon.tech/registrations";

    @Test
    void aNeonConnectionStringBecomesAJdbcUrlWithSeparateCredentials() {
        JdbcUrl url = JdbcUrl.parse(NEON + "?sslmode=require");

        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://ep-x-pooler.eu-west-2.aws.neon.tech/registrations?sslmode=require");
        assertThat(url.user()).isEqualTo("club_app");
        assertThat(url.password()).isEqualTo("s3cr@t");
    }

    /** docs/deploy.md's form: without a root certificate file, PgJDBC would look for ~/.postgresql/root.crt. */
    @Test
    void verifyFullChecksTheCertificateAgainstTheJvmsTrustedAuthorities() {
        Properties driver = Driver.parseURL(JdbcUrl.parse(NEON + "?sslmode=verify-full").jdbcUrl(), new Properties());

        assertThat(driver).containsEntry("sslmode", "verify-full")
                .containsEntry("sslfactory", "org.postgresql.ssl.DefaultJavaSSLFactory")
                .doesNotContainKey("sslrootcert");
    }

    /** libpq's spelling of the same thing, which Neon's console may give; PgJDBC would read "system" as a file. */
    @Test
    void libpqsSystemRootCertificatesMeanTheJvmsTrustedAuthorities() {
        Properties driver = Driver.parseURL(
                JdbcUrl.parse(NEON + "?sslmode=verify-full&sslrootcert=system").jdbcUrl(), new Properties());

        assertThat(driver).containsEntry("sslmode", "verify-full")
                .containsEntry("sslfactory", "org.postgresql.ssl.DefaultJavaSSLFactory")
                .doesNotContainKey("sslrootcert");
        assertThat(JdbcUrl.parse(NEON + "?sslrootcert=system").jdbcUrl()).contains("sslmode=verify-full");
        assertThatThrownBy(() -> JdbcUrl.parse(NEON + "?sslmode=require&sslrootcert=system"))
                .hasMessageContaining("sslrootcert=system needs sslmode=verify-full");
    }

    @Test
    void aRootCertificateFileOrAFactoryOfOnesOwnIsKept() {
        assertThat(JdbcUrl.parse(NEON + "?sslmode=verify-full&sslrootcert=/var/task/neon.pem").jdbcUrl())
                .endsWith("?sslmode=verify-full&sslrootcert=/var/task/neon.pem");
        assertThat(JdbcUrl.parse(NEON + "?sslmode=verify-ca&sslfactory=com.example.Factory").jdbcUrl())
                .endsWith("?sslmode=verify-ca&sslfactory=com.example.Factory");
    }

    @Test
    void theSystemTrustFactoryIsOnTheClasspath() throws ClassNotFoundException {
        assertThat(javax.net.ssl.SSLSocketFactory.class).isAssignableFrom(Class.forName(JdbcUrl.SYSTEM_TRUST_FACTORY));
    }

    @Test
    void aJdbcUrlIsUsedAsItIs() {
        assertThat(JdbcUrl.parse("jdbc:postgresql://localhost:5432/db?user=a").jdbcUrl())
                .isEqualTo("jdbc:postgresql://localhost:5432/db?user=a");
    }

    @Test
    void anotherSchemeIsRefusedWithAClearMessage() {
        assertThatThrownBy(() -> JdbcUrl.parse("mysql://localhost/db")).hasMessageContaining("postgresql://");
    }
}
