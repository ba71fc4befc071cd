-- The postcode areas of each customer's match profile (outward code and its letters), keyed by HMAC(node secret, area):
-- an external event (an outage in "LS6, M1") finds its customers by area, without opening every profile. A node fills
-- it from the profiles when it first opens a store written before it.
CREATE TABLE postcode_areas (customer TEXT COLLATE "C" NOT NULL, area TEXT COLLATE "C" NOT NULL, PRIMARY KEY (customer, area));
CREATE INDEX postcode_areas_by_area ON postcode_areas (area, customer);
