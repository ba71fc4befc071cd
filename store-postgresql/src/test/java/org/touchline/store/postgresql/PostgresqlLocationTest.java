package org.touchline.store.postgresql;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PostgresqlLocationTest {
    private static final Map<String, String> NO_ENV = Map.of();

    @Test
    void aLibpqUrlBecomesAJdbcUrlWithTheCredentialsApart() {
        PostgresqlLocation l = PostgresqlLocation.parse("postgresql://db.example:5433/touchline?user=tl&password=s%26cret&sslmode=require", NO_ENV::get);
        assertThat(l.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example:5433/touchline?sslmode=require");
        assertThat(l.user()).isEqualTo("tl");
        assertThat(l.password()).isEqualTo("s&cret");
    }

    @Test
    void aJdbcUrlAndUserInfoAreTakenToo() {
        PostgresqlLocation l = PostgresqlLocation.parse("jdbc:postgresql://tl:pw@localhost/touchline", NO_ENV::get);
        assertThat(l.jdbcUrl()).isEqualTo("jdbc:postgresql://localhost/touchline");
        assertThat(l.user()).isEqualTo("tl");
        assertThat(l.password()).isEqualTo("pw");
    }

    @Test
    void aPasswordNotInTheUrlComesFromTheEnvironment() {
        PostgresqlLocation l = PostgresqlLocation.parse("postgres://localhost:5432/touchline?user=tl", Map.of(PostgresqlLocation.PASSWORD_ENV, "from-env")::get);
        assertThat(l.password()).isEqualTo("from-env");
    }

    @Test
    void theLocationAsWrittenDownNeverHoldsThePassword() {
        PostgresqlLocation l = PostgresqlLocation.parse("postgresql://localhost:5432/touchline?user=tl&password=secret", NO_ENV::get);
        assertThat(l.withoutPassword()).isEqualTo("jdbc:postgresql://localhost:5432/touchline?user=tl").doesNotContain("secret");
        assertThat(l.toString()).doesNotContain("secret");
        assertThat(PostgresqlLocation.parse(l.withoutPassword(), NO_ENV::get)).isEqualTo(new PostgresqlLocation(
                "jdbc:postgresql://localhost:5432/touchline", "tl", null));
    }

    @Test
    void aUrlWithoutHostOrDatabaseIsRefusedWithTheReasonAndNoPassword() {
        assertThatThrownBy(() -> PostgresqlLocation.parse("postgresql://localhost:5432/?password=secret", NO_ENV::get))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("names no database").hasMessageNotContaining("secret");
        assertThatThrownBy(() -> PostgresqlLocation.parse("postgresql:///touchline", NO_ENV::get))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("names no host");
        assertThatThrownBy(() -> PostgresqlLocation.parse("mysql://localhost/touchline", NO_ENV::get))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is not a PostgreSQL URL");
    }
}
