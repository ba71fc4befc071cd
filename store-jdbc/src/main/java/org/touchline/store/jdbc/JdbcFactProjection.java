package org.touchline.store.jdbc;

import org.touchline.domain.store.FactProjection;
import org.touchline.domain.store.ProjectionChanges;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BiConsumer;

import static org.touchline.store.jdbc.ProjectionSql.forget;

/** What contracts and analytics know of each customer: their facts ({@code customer_facts}) and products bought ({@code customer_products}). */
final class JdbcFactProjection implements FactProjection {
    private final ProjectionSql sql;

    JdbcFactProjection(ProjectionSql sql) { this.sql = sql; }

    /** What a batch changes here, in the caller's transaction (see {@link JdbcProjections#applyIn}). */
    void applyIn(Session s, ProjectionChanges c) throws SQLException {
        sql.replaceOrDelete(s, "customer_facts", "customer", "facts", c.facts);
        if (!c.products.isEmpty()) {
            // A customer's products are replaced whole; a null set drops them.
            PreparedStatement drop = s.prepare("DELETE FROM customer_products WHERE customer = ?");
            PreparedStatement put = s.prepare("INSERT INTO customer_products (customer, product) VALUES (?, ?)");
            for (var e : new TreeMap<>(c.products).entrySet()) {
                drop.setString(1, e.getKey());
                drop.addBatch();
                if (e.getValue() == null) continue;
                for (String product : new TreeSet<>(e.getValue())) {
                    put.setString(1, e.getKey());
                    put.setString(2, product);
                    put.addBatch();
                }
            }
            drop.executeBatch();
            put.executeBatch();
        }
        forget(s, c.erased, List.of("DELETE FROM customer_facts WHERE customer = ?", "DELETE FROM customer_products WHERE customer = ?"));
    }

    @Override
    public void loadFacts(BiConsumer<String, String> out) {
        sql.scan("SELECT customer, facts FROM customer_facts ORDER BY customer", rs -> new String[]{rs.getString(1), rs.getString(2)}, r -> out.accept(r[0], r[1]));
    }

    @Override
    public Map<String, String> factsOf(Collection<String> customerIds) {
        Map<String, String> out = new HashMap<>();
        sql.inChunks(customerIds, "SELECT customer, facts FROM customer_facts WHERE %s", "customer", rs -> out.put(rs.getString(1), rs.getString(2)));
        return out;
    }

    @Override
    public List<String> customersWhoBought(Collection<String> products) {
        TreeSet<String> out = new TreeSet<>();
        sql.inChunks(products, "SELECT customer FROM customer_products WHERE %s", "product", rs -> out.add(rs.getString(1)));
        return new ArrayList<>(out);
    }
}
