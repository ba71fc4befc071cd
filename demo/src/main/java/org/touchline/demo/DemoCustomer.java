package org.touchline.demo;

import java.time.LocalDate;

/**
 * One customer of the demo company and the identifiers each source system knows them by. Kept in memory for the whole
 * run (a few hundred bytes each); interactions are never kept.
 */
final class DemoCustomer {
    final int idx;
    final int household;
    final String crmId;          // CRM: CRM-0001234
    final String account;        // billing account: ACC-40123456
    final String customerId;     // web/app login: u_3k9f2x7q
    final String title, first, last;
    final LocalDate dob;
    final String email;          // may be null for a few older customers
    final String mobile;         // national format 07700 9xxxxx, may be null
    final String loyaltyCard;    // LC-601234567890, may be null
    final String socialHandle;   // @name, may be null
    final String deviceId;       // app installs, may be null
    final String cookie;         // main browser cookie
    final double activity;       // relative chance of starting an episode on a day
    final boolean optIn;         // marketing emails
    final char prefers;          // 'w' web/app, 's' store, 'p' phone
    final int town;
    String landline;             // shared by the household, may be null
    String postcode, address;    // change when the household moves
    String plan;
    long joinedAt;               // epoch millis
    long closedAt = Long.MAX_VALUE;
    boolean unsubscribed;
    int[] members = new int[0];  // other members of the household (indexes)
    // What they lived through, which their leaving and buying depend on (Behaviour); Long.MIN_VALUE = never.
    double leavingLeaning, buyingLeaning;   // their own leaning, which no system records
    int complaints;
    long lastComplaintAt = Long.MIN_VALUE, complaintOpenUntil = Long.MIN_VALUE;
    long lastOutageAt = Long.MIN_VALUE, lastFaultAt = Long.MIN_VALUE, lastLongWaitAt = Long.MIN_VALUE;
    long priceRiseAt = Long.MIN_VALUE, householdLeftAt = Long.MIN_VALUE, lastBrowsedAt = Long.MIN_VALUE;
    long cancelling = Long.MIN_VALUE;       // a cancellation under way until then

    DemoCustomer(int idx, int household, String crmId, String account, String customerId, String title, String first,
                 String last, LocalDate dob, String email, String mobile, String loyaltyCard, String socialHandle,
                 String deviceId, String cookie, double activity, boolean optIn, char prefers, int town) {
        this.idx = idx;
        this.household = household;
        this.crmId = crmId;
        this.account = account;
        this.customerId = customerId;
        this.title = title;
        this.first = first;
        this.last = last;
        this.dob = dob;
        this.email = email;
        this.mobile = mobile;
        this.loyaltyCard = loyaltyCard;
        this.socialHandle = socialHandle;
        this.deviceId = deviceId;
        this.cookie = cookie;
        this.activity = activity;
        this.optIn = optIn;
        this.prefers = prefers;
        this.town = town;
    }

    String fullName() { return first + " " + last; }

    boolean activeAt(long t) { return t >= joinedAt && t < closedAt; }

    /** A phone to reach them on: the mobile, else the household landline (may be null). */
    String anyPhone() { return mobile != null ? mobile : landline; }
}
