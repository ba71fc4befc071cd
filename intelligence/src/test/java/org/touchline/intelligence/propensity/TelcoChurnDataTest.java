package org.touchline.intelligence.propensity;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The reader on small files of its own (the real data is checked in TelcoChurnTest). */
class TelcoChurnDataTest {
    private static final String HEADER = "customerID,gender,SeniorCitizen,Partner,Dependents,tenure,PhoneService,"
            + "MultipleLines,InternetService,OnlineSecurity,OnlineBackup,DeviceProtection,TechSupport,StreamingTV,"
            + "StreamingMovies,Contract,PaperlessBilling,PaymentMethod,MonthlyCharges,TotalCharges,Churn\n";
    private static final String SERVICES = "Yes,No,DSL,No,Yes,No,No,No,No,Month-to-month,Yes,Electronic check,";

    @TempDir
    Path root;

    private Path write(String rows) throws Exception {
        Files.createDirectories(root.resolve("telco_churn"));
        return Files.writeString(root.resolve("telco_churn/churn.csv"), HEADER + rows);
    }

    @Test
    void aBlankTotalIsZeroForACustomerNotYetBilledAndMissingOtherwise() throws Exception {
        write("A-1,Female,0,Yes,No,0," + SERVICES + "29.85, ,No\n"
                + "A-2,Male,1,No,No,12," + SERVICES + "50.00,,Yes\n");
        List<Example> rows = TelcoChurnData.read(root);
        assertThat(rows.get(0).numeric()).containsEntry("TotalCharges", 0.0).containsEntry("tenure", 0.0);
        assertThat(rows.get(1).numeric()).doesNotContainKey("TotalCharges");
        assertThat(rows.get(1).label()).isTrue();
        assertThat(rows.get(1).categorical()).containsEntry("Contract", "Month-to-month");
    }

    @Test
    void aValueThatIsNotANumberIsReportedWithItsLineCustomerAndColumn() throws Exception {
        write("A-1,Female,0,Yes,No,1," + SERVICES + "29.85,29.85,No\n"
                + "A-2,Male,0,No,No,12," + SERVICES + "fifty,600,Yes\n");
        assertThatThrownBy(() -> TelcoChurnData.read(root)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("line 3").hasMessageContaining("A-2").hasMessageContaining("MonthlyCharges")
                .hasMessageContaining("fifty");
    }

    @Test
    void anOutcomeOtherThanYesOrNoIsRefused() throws Exception {
        write("A-1,Female,0,Yes,No,1," + SERVICES + "29.85,29.85,Maybe\n");
        assertThatThrownBy(() -> TelcoChurnData.read(root)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("line 2").hasMessageContaining("Churn").hasMessageContaining("Maybe");
    }
}
