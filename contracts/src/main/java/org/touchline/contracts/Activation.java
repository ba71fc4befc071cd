package org.touchline.contracts;

import dev.cel.runtime.CelVariableResolver;

import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The two CEL variables for one entry, shared by every contract evaluated for it. The customer's state is asked for
 * only when a contract's trigger names the entry, and only once.
 */
final class Activation implements CelVariableResolver {
    private final Optional<Object> entry;
    private final Map<String, Object> entryValues;
    private final Supplier<CustomerState> customerSupplier;
    private CustomerState customer;
    private Optional<Object> customerValue;

    Activation(EntryView entry, Supplier<CustomerState> customer) {
        this.entryValues = entry.values();
        this.entry = Optional.of(entryValues);
        this.customerSupplier = customer;
    }

    CustomerState customer() {
        if (customer == null) {
            CustomerState c = customerSupplier.get();
            customer = c == null ? CustomerState.EMPTY : c;
            customerValue = Optional.of(customer.values());
        }
        return customer;
    }

    Map<String, Object> entryValues() {
        return entryValues;
    }

    Map<String, Object> customerValues() {
        return customer().values();
    }

    @Override
    public Optional<Object> find(String name) {
        if (name.equals("entry")) return entry;
        if (name.equals("customer")) {
            customer();
            return customerValue;
        }
        return Optional.empty();
    }
}
