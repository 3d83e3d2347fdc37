package org.gdprsuite.contact.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A recorded change of a person (Art. 16 rectification, restriction, erasure): which fields, not their values. */
@Entity
@Table(name = "person_change")
public class PersonChange extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "person_id")
    public UUID personId;

    public Instant at;

    @Column(name = "by_user")
    public String byUser;

    public String action;

    @JdbcTypeCode(SqlTypes.ARRAY)
    public List<String> fields = new ArrayList<>();
}
