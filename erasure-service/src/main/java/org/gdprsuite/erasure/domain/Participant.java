package org.gdprsuite.erasure.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A service that announced it holds a slice of personal data, and the DSR actions it answers. */
@Entity
@Table(name = "dsr_participant")
public class Participant extends PanacheEntityBase {

    @Id
    public String name;

    public String version;

    public String slice;

    @JdbcTypeCode(SqlTypes.ARRAY)
    public List<String> actions = new ArrayList<>();

    @Column(name = "announced_at")
    public Instant announcedAt;
}
