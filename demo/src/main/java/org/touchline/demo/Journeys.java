package org.touchline.demo;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Plans customer journeys as episodes: a run of related interactions across channels that starts on one day and may
 * run on for weeks (an email, a look at the website, a visit to a store, a purchase, an installation, a survey).
 * Each method appends an episode's interactions, in any order, to {@link #out}.
 */
final class Journeys {
    static final ZoneId LONDON = ZoneId.of("Europe/London");
    static final long MIN = 60_000L, HOUR = 3_600_000L, DAY = 86_400_000L;
    private static final double[] WEB_HOURS = {1, .5, .3, .2, .2, .3, 1, 2, 3, 3.5, 3.5, 3.5, 4, 3.5, 3, 3, 3.5, 4, 5, 6, 6.5, 6, 4, 2};

    final SplittableRandom rng;
    final DemoCustomer[] customers;
    final List<DemoEvent> out = new ArrayList<>();
    private long orderNo = 100_000;
    /** A busy day for the call centre (an outage, the weeks after a price rise): longer queues. */
    boolean busy;

    Journeys(SplittableRandom rng, DemoCustomer[] customers) {
        this.rng = rng;
        this.customers = customers;
    }

    // ---- episodes ------------------------------------------------------------------------------------------------

    enum Kind { APP, WEB, CAMPAIGN, BILLING, TECH, DEVICE, UPGRADE, COMPLAINT, MOVE, CANCEL, REPAIR, SOCIAL, DETAILS, CHAT, STORE }

    /** How often each kind of episode starts, relative to the others. */
    static final double[] WEIGHTS = {15, 9, 24, 7, 8, 0, 0, 2, 1, 0, 2, 6, 1.5, 3, 4};
    // DEVICE, UPGRADE and CANCEL start from what customers lived through (Behaviour), not at random; complaints
    // also follow faults and outages.

    void episode(Kind k, DemoCustomer c, long t) {
        switch (k) {
            case APP -> app(c, t);
            case WEB -> web(c, t, false);
            case CAMPAIGN -> campaign(c, t);
            case BILLING -> billing(c, t);
            case TECH -> tech(c, t, false);
            case DEVICE -> device(c, t);
            case UPGRADE -> upgrade(c, t);
            case COMPLAINT -> complaint(c, t);
            case MOVE -> move(c, t);
            case CANCEL -> cancel(c, t);
            case REPAIR -> repair(c, t);
            case SOCIAL -> social(c, t);
            case DETAILS -> details(c, t);
            case CHAT -> chatSales(c, t);
            case STORE -> storeVisit(c, t);
        }
    }

    /** Becoming a customer: noticed (social, email), looked (web, anonymous), asked (chat, store, phone), bought, installed. */
    void acquisition(DemoCustomer c) {
        long join = inHours(c.joinedAt, 9, 19);
        long t = join - (7 + rng.nextInt(21)) * DAY;
        if (c.socialHandle != null && chance(0.5))
            add(new DemoEvent(webTime(t), Src.SOCIAL, "social", "social_ad_click", c).ref("ad-" + campaign(t)));
        t += rng.nextInt(3) * DAY;
        String cookie = c.cookie;
        int sessions = 1 + rng.nextInt(3);
        for (int s = 0; s < sessions; s++) {
            long st = webTime(t + s * (1 + rng.nextInt(4)) * DAY);
            add(digital(st, c, "page_view", "web").anonymous(cookie).ref(pick(DemoData.WEB_PAGES)));
            add(digital(st + 40_000 + rng.nextInt(200_000), c, "product_view", "web").anonymous(cookie).products(plan().sku()));
            if (chance(0.3)) add(digital(st + 5 * MIN, c, "page_view", "web").anonymous(cookie).ref("/coverage-checker"));
        }
        double r = rng.nextDouble();
        char via;
        if (c.prefers == 'w' || r < 0.15) {
            if (chance(0.4)) add(chat(join - rng.nextInt(3) * DAY - 2 * HOUR, c, "chat_sales", pick(DemoData.CHAT_SALES)).anonymous(cookie));
            add(digital(join - 6 * MIN, c, "add_to_cart", "web").anonymous(cookie).products(c.plan));
            add(digital(join, c, "order_placed", "web").products(c.plan).ref(order()));
            via = 'W';
        } else if (c.prefers == 's') {
            if (chance(0.5)) add(store(inHours(join - (1 + rng.nextInt(5)) * DAY, 9, 17), c, "store_enquiry").products(c.plan));
            add(store(join, c, "purchase").products(c.plan, DemoData.DEVICES[0].sku()));
            via = 'S';
        } else {
            add(call(join - rng.nextInt(2) * DAY, c, "sales_enquiry", "Caller asked about " + plan().name() + " availability and price.", "SALES", "INFO_GIVEN"));
            add(call(join, c, "sales_enquiry", "New customer signed up to " + planName(c.plan) + " over the phone.", "SALES", "SALE"));
            via = 'P';
        }
        add(crm(join + 2 * MIN, c, "account_opened", via));
        add(email(join + 10 * MIN, c, "email_sent", "WELCOME"));
        if (chance(0.7)) add(email(join + 10 * MIN + (long) (rng.nextDouble() * 20 * HOUR), c, "email_opened", "WELCOME"));
        long install = inHours(join + (4 + rng.nextInt(10)) * DAY, 8, 17);
        if (chance(0.06)) {
            add(field(install, c, "installation", "NO_ACCESS", pick2(DemoData.FIELD_NOTES, 3)));
            install = inHours(install + (2 + rng.nextInt(5)) * DAY, 8, 17);
        }
        add(field(install, c, "installation", "COMPLETED", speed(DemoData.FIELD_NOTES.get(0))).rating(chance(0.4) ? rating(0.7) : 0));
        if (c.deviceId != null) add(digital(install + (1 + rng.nextInt(48)) * HOUR, c, "login", "app"));
        if (chance(0.35)) add(survey(install + (2 + rng.nextInt(5)) * DAY, c, "INSTALL", 0.75));
    }

    /** A yearly contract renewal letter in CRM, and the email about it. */
    void renewal(DemoCustomer c, long t) {
        add(crm(t, c, "contract_renewed", 'B'));
        if (c.email != null && chance(0.8)) add(email(t + 3 * HOUR, c, "email_sent", "RENEWAL"));
    }

    /** A network outage in the customer's area: speed tests, fault calls, angry posts. */
    void outage(DemoCustomer c, long t) {
        c.lastOutageAt = t;
        c.lastFaultAt = t;
        if (chance(0.12)) complaint(c, t + (1 + rng.nextInt(4)) * DAY);
        if (c.deviceId != null && chance(0.5)) add(digital(t, c, "speed_test", "app"));
        if (c.socialHandle != null && chance(0.3)) add(socialPost(t + rng.nextInt(120) * MIN, c, "social_mention", pick(DemoData.SOCIAL_NEG), 0));
        if (chance(0.7)) add(call(t + rng.nextInt(180) * MIN, c, "fault_report", "Area outage in " + DemoData.TOWNS[c.town].name()
                + " - advised network team working on it, no ETA yet.", "TECH", "KNOWN_ISSUE"));
        else add(chat(t + rng.nextInt(180) * MIN, c, "chat_support", "Customer: is there an outage? nothing is working | Agent: yes, a fault in your area, engineers are on it | Customer: how long??"));
    }

    void app(DemoCustomer c, long t) {
        if (c.deviceId == null) { web(c, t, true); return; }
        t = webTime(t);
        add(digital(t, c, "app_open", "app"));
        int n = rng.nextInt(3);
        for (int k = 0; k < n; k++) {
            t += 20_000 + rng.nextInt(240_000);
            double r = rng.nextDouble();
            if (r < 0.45) add(digital(t, c, "bill_view", "app"));
            else if (r < 0.7) add(digital(t, c, "speed_test", "app"));
            else {
                add(digital(t, c, "product_view", "app").products(device().sku()));
                c.lastBrowsedAt = t;
            }
        }
    }

    void web(DemoCustomer c, long t, boolean login) {
        t = webTime(t);
        String channel = c.deviceId != null && chance(0.3) ? "app" : "web";
        boolean anon = !login && chance(0.35);
        String cookie = chance(0.12) ? "ck." + Population.hex(rng, 14) : c.cookie;   // cleared cookies, another browser
        if (!anon) add(digital(t, c, "login", channel).anonymous(cookie).known());
        int pages = 1 + rng.nextInt(4);
        for (int k = 0; k < pages; k++) {
            t += 15_000 + rng.nextInt(180_000);
            DemoEvent e = chance(0.35) ? digital(t, c, "product_view", channel).products(chance(0.3) ? plan().sku() : device().sku())
                    : chance(0.15) ? digital(t, c, "search", channel).text(pick(DemoData.SEARCHES))
                    : digital(t, c, "page_view", channel).ref(pick(DemoData.WEB_PAGES));
            e.anonymous(cookie);
            if (!anon) e.known();
            if (!anon && e.type.equals("product_view")) c.lastBrowsedAt = t;
            add(e);
        }
    }

    void campaign(DemoCustomer c, long t) {
        if (!c.optIn || c.unsubscribed || c.email == null) { web(c, t, false); return; }
        // Campaigns go out on Tuesday and Thursday mornings.
        ZonedDateTime z = Instant.ofEpochMilli(t).atZone(LONDON);
        while (z.getDayOfWeek() != DayOfWeek.TUESDAY && z.getDayOfWeek() != DayOfWeek.THURSDAY) z = z.plusDays(1);
        long sent = z.toLocalDate().atTime(10, 0).atZone(LONDON).toInstant().toEpochMilli() + rng.nextInt(7_200_000);
        String code = campaign(sent);
        add(email(sent, c, "email_sent", code));
        if (!chance(0.42)) return;
        long opened = sent + (long) (Math.abs(rng.nextGaussian()) * 20 * HOUR) + rng.nextInt(600_000);
        add(email(opened, c, "email_opened", code));
        if (chance(0.04)) {
            add(email(opened + 30_000, c, "email_unsubscribed", code));
            c.unsubscribed = true;
            if (chance(0.5)) add(crm(opened + 2 * MIN, c, "consent_updated", 'W'));
            return;
        }
        if (!chance(0.3)) return;
        add(email(opened + 20_000, c, "email_clicked", code));
        add(digital(opened + 25_000, c, "page_view", "web").ref("/deals?utm_campaign=" + code.toLowerCase(Locale.ROOT)));
        if (chance(0.5)) add(digital(opened + 90_000, c, "product_view", "web").products(device().sku()));
    }

    void billing(DemoCustomer c, long t) {
        if (chance(0.6)) {
            t = webTime(t);
            add(digital(t, c, c.deviceId != null ? "bill_view" : "page_view", c.deviceId != null ? "app" : "web").ref("/account/bills"));
        }
        long ct = callTime(t + rng.nextInt(48) * HOUR);
        add(call(ct, c, "billing_enquiry", pick(DemoData.CALL_BILL), "BILLING", "RESOLVED").rating(chance(0.35) ? rating(0.55) : 0));
        if (chance(0.15)) {
            long t2 = callTime(ct + (1 + rng.nextInt(10)) * DAY);
            add(call(t2, c, "complaint", pick(DemoData.CALL_COMPLAINT), "COMPLAINTS", "ESCALATED").rating(chance(0.3) ? rating(0.15) : 0));
            complained(c, t2, t2 + 45 * DAY);
        }
        if (chance(0.1)) add(crm(ct + 5 * MIN, c, "details_updated", 'P'));
    }

    void tech(DemoCustomer c, long t, boolean angry) {
        if (chance(0.5)) add(digital(webTime(t), c, "speed_test", c.deviceId != null ? "app" : "web"));
        long ct = callTime(t + rng.nextInt(24) * HOUR);
        c.lastFaultAt = ct;
        boolean engineer = chance(0.35);
        if (chance(0.25)) add(chat(chatTime(ct), c, "chat_support", pick(DemoData.CHAT_SUPPORT)).rating(chance(0.5) ? rating(0.5) : 0));
        else add(call(ct, c, "technical_support", pick(DemoData.CALL_TECH), "TECH", engineer ? "ENGINEER_BOOKED" : "RESOLVED")
                .rating(chance(0.35) ? rating(0.5) : 0));
        if (engineer) {
            long visit = inHours(ct + (2 + rng.nextInt(5)) * DAY, 8, 17);
            if (chance(0.08)) {
                add(field(visit, c, "repair_visit", "NO_ACCESS", pick2(DemoData.FIELD_NOTES, 3)));
                if (chance(0.6)) {
                    long at = callTime(visit + 2 * HOUR);
                    add(call(at, c, "complaint", pick(DemoData.CALL_COMPLAINT), "COMPLAINTS", "CREDIT_APPLIED"));
                    complained(c, at, at);
                }
                visit = inHours(visit + (2 + rng.nextInt(4)) * DAY, 8, 17);
            }
            add(field(visit, c, "repair_visit", "COMPLETED", speed(DemoData.FIELD_NOTES.get(1 + rng.nextInt(2)))).rating(chance(0.4) ? rating(0.65) : 0));
            if (chance(0.3)) add(survey(visit + (1 + rng.nextInt(3)) * DAY, c, "REPAIR", 0.6));
        }
        if (c.socialHandle != null && chance(angry ? 0.5 : 0.08))
            add(socialPost(ct + rng.nextInt(600) * MIN, c, "social_mention", pick(DemoData.SOCIAL_NEG), 0));
        if (chance(0.1)) complaint(c, ct + (2 + rng.nextInt(10)) * DAY);
    }

    /** Looking online, then buying: online, in a store, or (the proxy case) a relative buys in a store for them. */
    void device(DemoCustomer c, long t) {
        DemoData.Product d = device();
        t = webTime(t);
        String channel = c.deviceId != null && chance(0.4) ? "app" : "web";
        int views = 2 + rng.nextInt(3);
        for (int k = 0; k < views; k++) add(digital(t + k * (30_000 + rng.nextInt(300_000)), c, "product_view", channel).products(d.sku()).known());
        if (chance(0.5)) add(digital(t + 20 * MIN, c, "add_to_cart", channel).products(d.sku()).known());
        double r = rng.nextDouble();
        long bt;
        if (r < 0.45) {
            bt = webTime(t + rng.nextInt(5) * DAY);
            add(digital(bt, c, "order_placed", channel).products(d.sku()).ref(order()).known());
            if (chance(0.1)) add(call(callTime(bt + (2 + rng.nextInt(4)) * DAY), c, "delivery_enquiry", fill(DemoData.CALL_OTHER.get(5), d.name()), "GENERAL", "RESOLVED"));
        } else {
            bt = inHours(t + (1 + rng.nextInt(7)) * DAY, 9, 18);
            DemoCustomer actor = r > 0.82 && c.members.length > 0 ? customers[c.members[rng.nextInt(c.members.length)]] : null;
            String[] skus = chance(0.4) ? new String[] {d.sku(), accessory().sku()} : new String[] {d.sku()};
            add(store(bt, c, "purchase").products(skus).actor(actor));
        }
        if (chance(0.2)) add(survey(bt + (2 + rng.nextInt(4)) * DAY, c, "PURCHASE", 0.75));
        if (c.socialHandle != null && chance(0.06)) add(socialPost(bt + rng.nextInt(48) * HOUR, c, "review", fill(pick(DemoData.SOCIAL_POS), d.name()), 4 + rng.nextInt(2)));
    }

    void upgrade(DemoCustomer c, long t) {
        DemoData.Product p = plan();
        if (c.email != null && c.optIn && !c.unsubscribed) {
            t = inHours(t, 9, 17);
            add(email(t, c, "email_sent", "UPGRADE-" + campaign(t)));
            t += rng.nextInt(30) * HOUR;
            add(email(t, c, "email_clicked", "UPGRADE-" + campaign(t)));
        }
        long wt = webTime(t);
        add(digital(wt, c, "product_view", "web").products(p.sku()).known());
        char via;
        if (chance(0.5)) {
            add(digital(wt + 3 * MIN, c, "order_placed", "web").products(p.sku()).ref(order()).known());
            via = 'W';
        } else {
            wt = callTime(wt + rng.nextInt(3) * DAY);
            add(call(wt, c, "upgrade_enquiry", fill(DemoData.CALL_OTHER.get(6), p.name()), "SALES", "SALE").rating(chance(0.3) ? rating(0.75) : 0));
            via = 'P';
        }
        c.plan = p.sku();
        add(crm(wt + 3 * MIN, c, "plan_changed", via));
        if (p.sku().startsWith("PLN-FIB9") || p.sku().equals("PLN-GIG") || chance(0.2))
            add(field(inHours(wt + (3 + rng.nextInt(8)) * DAY, 8, 17), c, "upgrade_visit", "COMPLETED", speed(DemoData.FIELD_NOTES.get(4))));
    }

    void complaint(DemoCustomer c, long t) {
        if (c.socialHandle != null && chance(0.5)) {
            long st = webTime(t);
            add(socialPost(st, c, "social_mention", pick(DemoData.SOCIAL_NEG), 0));
            if (chance(0.6)) add(socialPost(st + rng.nextInt(90) * MIN, c, "social_message", "DM: account " + c.account + " - please sort this out", 0));
            t = st;
        }
        long ct = callTime(t + rng.nextInt(36) * HOUR);
        boolean escalated = chance(0.5);
        add(call(ct, c, "complaint", pick(DemoData.CALL_COMPLAINT), "COMPLAINTS", escalated ? "ESCALATED" : "CREDIT_APPLIED").rating(chance(0.4) ? rating(0.1) : 0));
        long followUp = Long.MAX_VALUE;
        if (chance(0.4)) {
            followUp = chatTime(ct + (1 + rng.nextInt(3)) * DAY);
            add(chat(followUp, c, "chat_support", DemoData.CHAT_SUPPORT.get(1)).rating(chance(0.6) ? rating(0.15) : 0));
        }
        if (c.email != null && chance(0.6)) {
            long sorry = ct + (2 + rng.nextInt(3)) * DAY;
            add(email(sorry, c, "email_sent", "SORRY-CREDIT"));
            followUp = Math.min(followUp, sorry);
        }
        // An escalated complaint stays open until the company follows it up, or for six weeks if it never does.
        complained(c, ct, escalated ? Math.min(followUp, ct + 42 * DAY) : ct);
        if (chance(0.4)) add(survey(ct + (5 + rng.nextInt(5)) * DAY, c, "COMPLAINT", 0.2));
    }

    void move(DemoCustomer c, long t) {
        if (chance(0.5)) add(digital(webTime(t), c, "page_view", "web").ref("/moving-home").known());
        long ct = callTime(t + rng.nextInt(48) * HOUR);
        LocalDate moveDay = Instant.ofEpochMilli(ct).atZone(LONDON).toLocalDate().plusDays(10 + rng.nextInt(20));
        add(call(ct, c, "home_move", fill(DemoData.CALL_OTHER.get(2), moveDay.toString()), "GENERAL", "MOVE_BOOKED"));
        // The whole household moves.
        DemoData.Town town = DemoData.TOWNS[c.town];
        String postcode = Population.postcode(rng, town);
        String address = (1 + rng.nextInt(180)) + " " + pick(DemoData.STREETS) + ", " + town.name();
        c.postcode = postcode;
        c.address = address;
        for (int m : c.members) {
            customers[m].postcode = postcode;
            customers[m].address = address;
        }
        add(crm(ct + 4 * MIN, c, "details_updated", 'P'));
        long moveAt = moveDay.atTime(8 + rng.nextInt(9), rng.nextInt(60)).atZone(LONDON).toInstant().toEpochMilli();
        add(field(moveAt, c, "installation", "COMPLETED", speed(DemoData.FIELD_NOTES.get(0))));
    }

    void cancel(DemoCustomer c, long t) {
        if (chance(0.4)) add(digital(webTime(t), c, "search", "web").text("cancel contract").known());
        long ct = callTime(t + rng.nextInt(48) * HOUR);
        add(call(ct, c, "cancellation_request", DemoData.CALL_OTHER.get(4), "RETENTION", "OFFER_MADE"));
        if (chance(0.55)) {
            long rt = callTime(ct + rng.nextInt(4) * DAY + HOUR);
            add(call(rt, c, "retention_offer", "Cust accepted retention offer: 6 months at reduced price on " + planName(c.plan) + ".", "RETENTION", "RETAINED"));
            add(crm(rt + 5 * MIN, c, "plan_changed", 'P'));
            return;
        }
        long close = inHours(ct + (14 + rng.nextInt(16)) * DAY, 9, 17);
        add(crm(close, c, "account_closed", 'P'));
        c.closedAt = close;
        for (int m : c.members) customers[m].householdLeftAt = Math.max(customers[m].householdLeftAt, close);
        if (chance(0.7)) add(field(inHours(close + (3 + rng.nextInt(7)) * DAY, 8, 17), c, "equipment_collection", "COMPLETED", DemoData.FIELD_NOTES.get(6)));
        if (c.email != null && chance(0.5)) add(email(close + 40 * DAY, c, "email_sent", "WINBACK"));
    }

    void repair(DemoCustomer c, long t) {
        DemoData.Product d = DemoData.DEVICES[4 + rng.nextInt(4)];
        long in = inHours(t, 9, 18);
        add(store(in, c, "repair_dropoff").products(d.sku()).text("Cracked screen / battery drain on " + d.name() + ". Quoted repair."));
        long back = inHours(in + (5 + rng.nextInt(8)) * DAY, 9, 18);
        add(store(back, c, "repair_collection").products(d.sku()).text("Repaired and collected."));
        if (chance(0.25)) add(survey(back + DAY, c, "REPAIR", 0.6));
    }

    void social(DemoCustomer c, long t) {
        if (c.socialHandle == null) { web(c, t, false); return; }
        t = webTime(t);
        double r = rng.nextDouble();
        if (r < 0.45) add(socialPost(t, c, "social_mention", fill(pick(DemoData.SOCIAL_POS), device().name()), 0));
        else if (r < 0.75) add(socialPost(t, c, "social_mention", fill(pick(DemoData.SOCIAL_NEU), device().name()), 0));
        else if (r < 0.9) add(socialPost(t, c, "review", fill(pick(DemoData.SOCIAL_POS), device().name()), chance(0.8) ? 4 + rng.nextInt(2) : 1 + rng.nextInt(3)));
        else add(socialPost(t, c, "social_message", "DM: can you check my order? my email is " + c.email, 0));
    }

    void details(DemoCustomer c, long t) {
        char via = c.prefers == 'p' ? 'P' : c.prefers == 's' ? 'S' : c.deviceId != null ? 'A' : 'W';
        long at = via == 'P' ? callTime(t) : via == 'S' ? inHours(t, 9, 18) : webTime(t);
        if (via == 'W' || via == 'A') add(digital(at - 40_000, c, "login", via == 'A' ? "app" : "web").known());
        if (via == 'P') add(call(at - 4 * MIN, c, "general_enquiry", "Cust updated contact details.", "GENERAL", "RESOLVED"));
        add(crm(at, c, "details_updated", via));
    }

    void chatSales(DemoCustomer c, long t) {
        long ct = chatTime(t);
        add(digital(ct - 3 * MIN, c, "page_view", "web").ref(pick(DemoData.WEB_PAGES)).anonymous(c.cookie));
        add(chat(ct, c, "chat_sales", fill(pick(DemoData.CHAT_SALES), plan().name())).anonymous(c.cookie).rating(chance(0.4) ? rating(0.7) : 0));
    }

    void storeVisit(DemoCustomer c, long t) {
        long st = inHours(t, 9, 18);
        DemoData.Product d = device();
        add(store(st, c, "store_enquiry").products(d.sku()));
        if (chance(0.35)) add(store(st + (5 + rng.nextInt(20)) * MIN, c, "purchase").products(accessory().sku()));
    }

    // ---- interactions --------------------------------------------------------------------------------------------

    private void add(DemoEvent e) { out.add(e); }

    DemoEvent digital(long t, DemoCustomer c, String type, String channel) {
        return new DemoEvent(t, Src.DIGITAL, channel, type, c);
    }

    DemoEvent call(long t, DemoCustomer c, String type, String notes, String queue, String outcome) {
        long at = callTime(t);
        String text = fill(notes, device().name());
        // Queues are long on busy days (an outage, a price rise); the agent notes the wait the caller complained of.
        if (chance(busy ? 0.3 : 0.08)) {
            text = "Caller waited " + (25 + rng.nextInt(50)) + " min in the queue. " + text;
            c.lastLongWaitAt = at;
        }
        return new DemoEvent(at, Src.CALLCENTRE, "call_centre", type, c).text(text)
                .agent("AG" + (1001 + rng.nextInt(85))).ref(queue).outcome(outcome);
    }

    /** A complaint made at {@code at}, open until {@code resolvedAt}. */
    static void complained(DemoCustomer c, long at, long resolvedAt) {
        c.complaints++;
        c.lastComplaintAt = Math.max(c.lastComplaintAt, at);
        c.complaintOpenUntil = Math.max(c.complaintOpenUntil, resolvedAt);
    }

    /** A price rise on the customer's plan, written by the billing system into CRM, and the letter about it. */
    void priceRise(DemoCustomer c, long t) {
        c.priceRiseAt = t;
        add(crm(t, c, "price_changed", 'B'));
        if (c.email != null && chance(0.9)) add(email(t + 2 * HOUR, c, "email_sent", "PRICE-RISE"));
    }

    DemoEvent store(long t, DemoCustomer c, String type) {
        DemoData.Store s = nearStore(c);
        return new DemoEvent(t, Src.POS, "store", type, c).ref(s.id()).agent(s.id() + "-" + String.format(Locale.ROOT, "%02d", 1 + rng.nextInt(12)));
    }

    DemoEvent email(long t, DemoCustomer c, String type, String campaign) {
        return new DemoEvent(t, Src.ENGAGE, "email", type, c).ref(campaign);
    }

    DemoEvent chat(long t, DemoCustomer c, String type, String transcript) {
        return new DemoEvent(chatTime(t), Src.ENGAGE, "chat", type, c).text(fill(transcript, plan().name()))
                .agent("chat." + Population.clean(pick(DemoData.FIRST_F)) + (1 + rng.nextInt(3))).anonymous(c.cookie).known();
    }

    DemoEvent survey(long t, DemoCustomer c, String about, double happy) {
        return surveyWithComment(new DemoEvent(t, Src.ENGAGE, "survey", "survey_response", c).ref("NPS-" + about).rating(rating(happy)));
    }

    DemoEvent surveyWithComment(DemoEvent e) {
        if (chance(0.6)) e.text = e.rating >= 4 ? pick(DemoData.SURVEY_GOOD) : e.rating <= 2 ? pick(DemoData.SURVEY_BAD) : pick(DemoData.SURVEY_MEH);
        return e;
    }

    DemoEvent field(long t, DemoCustomer c, String type, String outcome, String notes) {
        return new DemoEvent(t, Src.FIELDOPS, "field_service", type, c).outcome(outcome).text(notes)
                .agent("ENG-" + (101 + rng.nextInt(45)));
    }

    DemoEvent crm(long t, DemoCustomer c, String type, char via) {
        return new DemoEvent(t, Src.CRM, switch (via) {
            case 'W' -> "web"; case 'A' -> "app"; case 'S' -> "store"; case 'P' -> "call_centre"; default -> "email";
        }, type, c).ref(String.valueOf(via)).products(c.plan);
    }

    DemoEvent socialPost(long t, DemoCustomer c, String type, String text, int rating) {
        return new DemoEvent(t, Src.SOCIAL, "social", type, c).text(text).rating(rating);
    }

    // ---- times ---------------------------------------------------------------------------------------------------

    /** A time on the same London day as t with the hour drawn from when people browse. */
    long webTime(long t) {
        double total = 0;
        for (double w : WEB_HOURS) total += w;
        double r = rng.nextDouble() * total;
        int h = 0;
        while (h < 23 && (r -= WEB_HOURS[h]) > 0) h++;
        LocalDate d = Instant.ofEpochMilli(t).atZone(LONDON).toLocalDate();
        return Math.max(t, d.atTime(h, rng.nextInt(60), rng.nextInt(60)).atZone(LONDON).toInstant().toEpochMilli());
    }

    /** t if it falls in opening hours (open-close London time, Sundays 10-16), else a time soon after the next opening. */
    long inHours(long t, int open, int close) {
        ZonedDateTime z = Instant.ofEpochMilli(t).atZone(LONDON);
        for (int guard = 0; guard < 10; guard++) {
            boolean sunday = z.getDayOfWeek() == DayOfWeek.SUNDAY;
            int o = sunday ? Math.max(open, 10) : open, cl = sunday ? Math.min(close, 16) : close;
            if (z.getHour() >= o && z.getHour() < cl) return z.toInstant().toEpochMilli();
            if (z.getHour() < o) {
                z = z.toLocalDate().atTime(o, rng.nextInt(60), rng.nextInt(60)).atZone(LONDON);
                // Spread the morning rush over the day.
                return z.toInstant().toEpochMilli() + (long) rng.nextInt(Math.max(1, cl - o - 1)) * HOUR;
            }
            z = z.toLocalDate().plusDays(1).atStartOfDay(LONDON);
        }
        return z.toInstant().toEpochMilli();
    }

    long callTime(long t) { return inHours(t, 8, 20); }

    long chatTime(long t) { return inHours(t, 8, 22); }

    // ---- helpers -------------------------------------------------------------------------------------------------

    boolean chance(double p) { return rng.nextDouble() < p; }

    /** A 1-5 rating, mostly high when happy is near 1 and mostly low when near 0. */
    int rating(double happy) {
        double x = happy + rng.nextGaussian() * 0.25;
        return (int) Math.max(1, Math.min(5, Math.round(1 + x * 4)));
    }

    <T> T pick(T[] a) { return a[rng.nextInt(a.length)]; }

    String pick(List<String> a) { return a.get(rng.nextInt(a.size())); }

    String pick2(List<String> a, int k) { return a.get(k); }

    DemoData.Product plan() { return DemoData.PLANS[rng.nextInt(DemoData.PLANS.length)]; }

    DemoData.Product device() { return DemoData.DEVICES[1 + rng.nextInt(9)]; }

    DemoData.Product accessory() { return DemoData.DEVICES[10 + rng.nextInt(5)]; }

    static String planName(String sku) {
        for (DemoData.Product p : DemoData.PLANS) if (p.sku().equals(sku)) return p.name();
        return sku;
    }

    String fill(String template, String product) {
        String s = template.replace("{p}", product);
        if (s.contains("{d}")) s = s.replace("{d}", pick(new String[] {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "the weekend"}));
        return s;
    }

    String speed(String note) { return note.replace("{s}", String.valueOf(120 + rng.nextInt(800))); }

    String order() { return "ORD-" + (++orderNo); }

    DemoData.Store nearStore(DemoCustomer c) {
        if (rng.nextDouble() < 0.1) return pick(DemoData.STORES);
        for (DemoData.Store s : DemoData.STORES) if (s.town() == c.town) return s;
        return DemoData.STORES[c.town % DemoData.STORES.length];
    }

    /** The campaign running in the week of t, e.g. 2026W14-FIBRE900. */
    static String campaign(long t) {
        ZonedDateTime z = Instant.ofEpochMilli(t).atZone(LONDON);
        int week = z.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
        int year = z.get(IsoFields.WEEK_BASED_YEAR);
        String theme = z.getMonthValue() == 11 ? "BLACKFRIDAY" : z.getMonthValue() == 12 ? "XMAS"
                : DemoData.CAMPAIGN_THEMES[Math.floorMod(week * 31 + year, DemoData.CAMPAIGN_THEMES.length)];
        return year + "W" + String.format(Locale.ROOT, "%02d", week) + "-" + theme;
    }
}
