package uk.clubreg.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class JdbcUrlTest {

    @Test
    void aNeonConnectionStringBecomesAJdbcUrlWithSeparateCredentials() {
        JdbcUrl url = JdbcUrl.parse("postgresql://club_app:s3cr%40t@ep-x-pooler.eu-west-2.aws.neon.tech/registrations?sslmode=require");

        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://ep-x-pooler.eu-west-2.aws.neon.tech/registrations?sslmode=require");
        assertThat(url.user()).isEqualTo("club_app");
        assertThat(url.password()).isEqualTo("s3cr@t");
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
