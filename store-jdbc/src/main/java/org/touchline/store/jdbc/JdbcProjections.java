package org.touchline.store.jdbc;

import org.touchline.domain.store.ProjectionChanges;
import org.touchline.domain.store.ProjectionStore;
import org.touchline.domain.store.TimelineRow;

import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * The projections on any {@link Database}: one part per thing they store (customers, identity, timelines, events,
 * erasures, tokens, facts, search), each with its own tables and SQL, composed here. A batch of changes goes to every
 * part in one transaction; the reads go to the part that keeps them.
 */
public final class JdbcProjections implements ProjectionStore {
    private final Database db;
    private final ProjectionTables tables;
    private final JdbcCustomerProjection customers;
    private final JdbcIdentityProjection identity;
    private final JdbcTimelineProjection timeline;
    private final JdbcEventProjection events;
    private final JdbcErasureProjection erasures;
    private final JdbcTokenProjection tokens;
    private final JdbcFactProjection facts;
    private final JdbcSearchProjection search;
    private final JdbcRequestProjection requests;

    public JdbcProjections(Database db) {
        this.db = db;
        ProjectionSql sql = new ProjectionSql(db);
        this.tables = new ProjectionTables(db);
        this.customers = new JdbcCustomerProjection(sql);
        this.identity = new JdbcIdentityProjection(sql);
        this.timeline = new JdbcTimelineProjection(sql);
        this.events = new JdbcEventProjection(sql);
        this.erasures = new JdbcErasureProjection(sql);
        this.tokens = new JdbcTokenProjection(sql);
        this.facts = new JdbcFactProjection(sql);
        this.search = new JdbcSearchProjection(sql);
        this.requests = new JdbcRequestProjection(sql);
    }

    @Override
    public void reset() { tables.empty(); }

    @Override
    public void apply(ProjectionChanges changes) {
        db.write(s -> {
            applyIn(s, changes);
            return null;
        });
    }

    /**
     * Applies in the caller's transaction (the ledger's append, so an entry and its projections commit together). Every
     * statement reads and writes one table and each table belongs to one part, so the parts may go in any order; within
     * a part each table's statements keep their order: merges after the batch's new rows, so they move those too, and an
     * erasure after the rows it forgets (but before a batch's match profiles, blocks and postcode areas).
     */
    void applyIn(Session s, ProjectionChanges c) throws SQLException {
        customers.applyIn(s, c);
        timeline.applyIn(s, c);
        identity.applyIn(s, c);
        search.applyIn(s, c);
        events.applyIn(s, c);
        tokens.applyIn(s, c);
        facts.applyIn(s, c);
        erasures.applyIn(s, c);
        requests.applyIn(s, c);
    }

    @Override
    public String digest() { return tables.digest(); }

    @Override
    public List<String> tables() { return ProjectionTables.TABLES; }

    @Override
    public void rows(String table, long offset, long limit, Consumer<String> row) { tables.rows(table, offset, limit, row); }

    // CustomerProjection

    @Override
    public void loadCustomers(Consumer<ProjectionChanges.Customer> out) { customers.loadCustomers(out); }

    @Override
    public void loadLinks(Consumer<ProjectionChanges.Link> out) { customers.loadLinks(out); }

    @Override
    public void loadMerges(Consumer<ProjectionChanges.Merge> out) { customers.loadMerges(out); }

    @Override
    public Optional<String> customerByIdentifierKey(String identifierKey) { return customers.customerByIdentifierKey(identifierKey); }

    @Override
    public List<ProjectionChanges.Link> linksOf(String customerId) { return customers.linksOf(customerId); }

    @Override
    public List<ProjectionChanges.Merge> mergesInto(String customerId) { return customers.mergesInto(customerId); }

    @Override
    public Optional<Long> createdAt(String customerId) { return customers.createdAt(customerId); }

    @Override
    public Optional<String> survivorOf(String customerId) { return customers.survivorOf(customerId); }

    @Override
    public boolean customerExists(String customerId) { return customers.customerExists(customerId); }

    @Override
    public Map<String, String> holdersOf(Collection<String> identifierKeys) { return customers.holdersOf(identifierKeys); }

    @Override
    public Map<String, String> survivorsOf(Collection<String> customerIds) { return customers.survivorsOf(customerIds); }

    @Override
    public Map<String, Long> createdAt(Collection<String> customerIds) { return customers.createdAt(customerIds); }

    @Override
    public Map<String, Map<String, Integer>> identifierCounts(Collection<String> customerIds) { return customers.identifierCounts(customerIds); }

    // IdentityProjection

    @Override
    public List<ProjectionChanges.DecisionRow> decisionsOf(String customerId) { return identity.decisionsOf(customerId); }

    @Override
    public List<ProjectionChanges.DecisionRow> reviews(String status, long afterEntry, int limit) { return identity.reviews(status, afterEntry, limit); }

    @Override
    public long reviewCount(String status) { return identity.reviewCount(status); }

    @Override
    public Optional<ProjectionChanges.DecisionRow> decision(long entry) { return identity.decision(entry); }

    @Override
    public void loadApart(Consumer<ProjectionChanges.Apart> out) { identity.loadApart(out); }

    @Override
    public List<ProjectionChanges.Apart> apartOf(Collection<String> customerIds) { return identity.apartOf(customerIds); }

    @Override
    public boolean anyApart() { return identity.anyApart(); }

    @Override
    public List<ProjectionChanges.Relationship> relationshipsOf(String customerId) { return identity.relationshipsOf(customerId); }

    @Override
    public List<ProjectionChanges.Relationship> relationships() { return identity.relationships(); }

    @Override
    public Optional<ProjectionChanges.Relationship> relationship(long entry) { return identity.relationship(entry); }

    @Override
    public void loadProfiles(BiConsumer<String, byte[]> out) { identity.loadProfiles(out); }

    @Override
    public Map<String, byte[]> profilesOf(Collection<String> customerIds) { return identity.profilesOf(customerIds); }

    @Override
    public List<String> customersInPostcodeAreas(Collection<String> areaKeys) { return identity.customersInPostcodeAreas(areaKeys); }

    @Override
    public boolean postcodeAreasMissing() { return identity.postcodeAreasMissing(); }

    @Override
    public List<String> blockMembers(long block, int limit) { return identity.blockMembers(block, limit); }

    // TimelineProjection

    @Override
    public List<TimelineRow> timeline(String customerId, Long beforeMillis, Long beforeIndex, int limit) {
        return timeline.timeline(customerId, beforeMillis, beforeIndex, limit);
    }

    @Override
    public List<TimelineRow> timeline(Collection<String> customerIds, Long beforeMillis, Long beforeIndex, int limit) {
        return timeline.timeline(customerIds, beforeMillis, beforeIndex, limit);
    }

    @Override
    public long timelineCount(String customerId) { return timeline.timelineCount(customerId); }

    @Override
    public long timelineCount(Collection<String> customerIds) { return timeline.timelineCount(customerIds); }

    @Override
    public void allTimeline(String role, Consumer<TimelineRow> out) { timeline.allTimeline(role, out); }

    // EventProjection

    @Override
    public List<ProjectionChanges.EventRow> events(Collection<String> customerIds, String kind) { return events.events(customerIds, kind); }

    @Override
    public void allEvents(String kind, Consumer<ProjectionChanges.EventRow> out) { events.allEvents(kind, out); }

    @Override
    public List<ProjectionChanges.EventRow> eventsAbout(long about, String kind) { return events.eventsAbout(about, kind); }

    // ErasureProjection

    @Override
    public Set<String> erasedAmong(Collection<String> identifierKeys) { return erasures.erasedAmong(identifierKeys); }

    @Override
    public boolean anyErasedIdentifier() { return erasures.anyErasedIdentifier(); }

    @Override
    public void loadErasedIdentifiers(Consumer<ProjectionChanges.ErasedIdentifier> out) { erasures.loadErasedIdentifiers(out); }

    // TokenProjection

    @Override
    public List<TokenRow> tokenMovements(Collection<String> accounts) { return tokens.tokenMovements(accounts); }

    @Override
    public void allTokenLots(long beforeMillis, Consumer<TokenRow> out) { tokens.allTokenLots(beforeMillis, out); }

    // FactProjection

    @Override
    public void loadFacts(BiConsumer<String, String> out) { facts.loadFacts(out); }

    @Override
    public Map<String, String> factsOf(Collection<String> customerIds) { return facts.factsOf(customerIds); }

    @Override
    public List<String> customersWhoBought(Collection<String> products) { return facts.customersWhoBought(products); }

    // SearchProjection

    @Override
    public List<ProjectionChanges.SearchKey> searchKeyHolders(Collection<String> searchKeys, String afterCustomer, int limit) {
        return search.searchKeyHolders(searchKeys, afterCustomer, limit);
    }

    @Override
    public long searchKeyHolderCount(Collection<String> searchKeys) { return search.searchKeyHolderCount(searchKeys); }

    @Override
    public List<ProjectionChanges.SearchKey> searchKeysOf(Collection<String> customerIds) { return search.searchKeysOf(customerIds); }

    // RequestProjection

    @Override
    public List<ProjectionChanges.RequestRow> requests(Collection<String> statuses, String type, int limit) { return requests.requests(statuses, type, limit); }

    @Override
    public Optional<ProjectionChanges.RequestRow> request(long entry) { return requests.request(entry); }

    @Override
    public List<ProjectionChanges.RequestRow> requestsOf(Collection<String> customers) { return requests.requestsOf(customers); }
}
