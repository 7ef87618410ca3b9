package io.oncesync.server.console;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real headless Chromium driven by Selenium: the Debian {@code chromium} and {@code chromium-driver} packages, named
 * explicitly so Selenium Manager never runs (it would try to download a browser). Without them the calling test is
 * skipped with a message naming what is missing, printed as well, never silently.
 */
final class Browser implements AutoCloseable {
    static final Path CHROMIUM = Path.of(System.getProperty("oncesync.chromium", "/usr/bin/chromium"));
    static final Path DRIVER = Path.of(System.getProperty("oncesync.chromedriver", "/usr/bin/chromedriver"));
    static final Dimension WINDOW = new Dimension(1400, 1000);

    final WebDriver driver;
    private final ChromeDriverService service;
    private final Path profile;

    private Browser(WebDriver driver, ChromeDriverService service, Path profile) {
        this.driver = driver;
        this.service = service;
        this.profile = profile;
    }

    /** Skips the calling test (visibly) when the browser or its driver is missing. */
    static void assumeInstalled() {
        List<String> missing = new ArrayList<>();
        if (!Files.isExecutable(CHROMIUM)) {
            missing.add(CHROMIUM + " (Debian package chromium)");
        }
        if (!Files.isExecutable(DRIVER)) {
            missing.add(DRIVER + " (Debian package chromium-driver)");
        }
        if (!missing.isEmpty()) {
            String message = "SKIPPED console browser tests: missing " + String.join(" and ", missing)
                    + "; install them with apt-get install -y chromium chromium-driver (.ci/run does)";
            System.out.println(message);
            System.err.println(message);
            Assumptions.abort(message);
        }
    }

    /** {@code docs/console/} of the repository, where the browser tests write their screenshots. */
    static Path screenshotsDir() {
        Path here = Path.of("").toAbsolutePath();
        return (here.getFileName().toString().equals("server") ? here.getParent() : here).resolve("docs").resolve("console");
    }

    static Browser start() throws IOException {
        assumeInstalled();
        Path profile = Files.createTempDirectory("oncesync-chromium-");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort().build();
        ChromeOptions options = new ChromeOptions();
        org.openqa.selenium.logging.LoggingPreferences logs = new org.openqa.selenium.logging.LoggingPreferences();
        logs.enable(org.openqa.selenium.logging.LogType.BROWSER, java.util.logging.Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        options.setBinary(CHROMIUM.toString());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + profile, "--window-size=1400,1000");
        try {
            ChromeDriver driver = new ChromeDriver(service, options);
            driver.manage().window().setSize(WINDOW);
            return new Browser(driver, service, profile);
        } catch (RuntimeException e) {
            service.stop();
            delete(profile);
            throw e;
        }
    }

    WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    WebElement byId(String id) {
        return driver.findElement(By.id(id));
    }

    /** Clicks like a user who scrolled the element to the middle of the window (clear of the sticky save bar). */
    void click(WebElement e) {
        ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'center'})", e);
        e.click();
    }

    void click(String id) {
        click(byId(id));
    }

    /**
     * Waits up to 30 s for the condition. The pages re-render parts of themselves (a status line, a table), so an
     * element found a moment ago may be gone when it is read: that counts as "not yet", like an element not found.
     */
    <T> T await(Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, Duration.ofSeconds(30)).ignoring(StaleElementReferenceException.class)
                .until(condition);
    }

    /** Opens a console page and waits until its module has rendered. */
    void open(String url) {
        driver.get(url);
        awaitReady();
    }

    void awaitReady() {
        try {
            await(d -> "true".equals(d.findElement(By.id("page")).getAttribute("data-ready")));
        } catch (org.openqa.selenium.TimeoutException e) {
            String page = driver.findElements(By.id("page")).isEmpty() ? "(no #page)" : byId("page").getText();
            throw new AssertionError("the page at " + driver.getCurrentUrl() + " did not finish rendering; it shows: "
                    + page + "; browser log: " + log(), e);
        }
    }

    private String log() {
        try {
            return driver.manage().logs().get(org.openqa.selenium.logging.LogType.BROWSER).getAll().toString();
        } catch (RuntimeException e) {
            return "(unavailable: " + e.getMessage() + ")";
        }
    }

    /** Saves a PNG of the whole page (the window grown to the page's height for the shot) to {@code file}. */
    void screenshot(Path file) throws IOException {
        JavascriptExecutor js = (JavascriptExecutor) driver;
        js.executeScript("window.scrollTo(0, 0)");
        Number content = (Number) js.executeScript(
                "return Math.max(document.body.scrollHeight, document.documentElement.scrollHeight)");
        Number chrome = (Number) js.executeScript("return Math.max(0, window.outerHeight - window.innerHeight)");
        int h = Math.min(6000, Math.max(WINDOW.getHeight(), content.intValue() + chrome.intValue()));
        driver.manage().window().setSize(new Dimension(WINDOW.getWidth(), h));
        try {
            byte[] png = ((ChromeDriver) driver).getScreenshotAs(OutputType.BYTES);
            Files.createDirectories(file.getParent());
            Files.write(file, png);
        } finally {
            driver.manage().window().setSize(WINDOW);
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            service.stop();
            delete(profile);
        }
    }

    private static void delete(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temp profile; best effort
        }
    }
}
