package io.humanseg.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.humanseg.image.ImageDecoder;
import io.humanseg.image.RgbImage;
import io.humanseg.server.http.HumansegServer;
import io.humanseg.server.http.ServerConfig;
import io.humanseg.testing.SharedData;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The demo page at {@code GET /}, end to end in Debian's headless Chromium: a real photo uploaded through the
 * page, the mask and the cut-out checked pixel by pixel in the browser, an API error shown as a readable
 * message, and the API key field against a server that requires keys. The result is kept as a screenshot,
 * {@code target/demo-page.png}. Needs {@code chromium} and {@code chromium-driver}: a failure without them
 * (a skip only under {@code -Dhumanseg.allowMissing=true}, see {@link SharedData}).
 */
class DemoPageTest {
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private static HumansegServer server;
  private static WebDriver driver;
  private static Path profile;
  private static Path photo;
  private static RgbImage decoded;

  @BeforeAll
  static void start() throws Exception {
    SharedData.requireTool(CHROMIUM.toString(), "chromium chromium-driver");
    SharedData.requireTool(CHROMEDRIVER.toString(), "chromium chromium-driver");
    try (Stream<Path> files = Files.list(SharedData.require("evaldata").resolve("ccp").resolve("images"))) {
      photo = files.filter(p -> p.toString().endsWith(".jpg")).sorted().findFirst().orElseThrow();
    }
    // The photo's size as the server sees it (EXIF orientation applied).
    decoded = new ImageDecoder().decode(Files.readAllBytes(photo));
    server = startServer(new ServerConfig("127.0.0.1", 0));
    driver = browser();
  }

  @AfterAll
  static void stop() throws IOException {
    if (driver != null) {
      driver.quit();
    }
    if (server != null) {
      server.close();
    }
    if (profile != null) {
      try (Stream<Path> files = Files.walk(profile)) {
        files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
      }
    }
  }

  @Test
  void segmentsAPhotoAndShowsTheResult() throws Exception {
    driver.get(base(server) + "/");
    assertEquals("humanseg demo", driver.getTitle());
    assertTrue(driver.findElement(By.cssSelector("a[href='/openapi.yaml']")).isDisplayed());

    // The mask: a grey PNG at the photo's size with both person and background in it.
    segment("alpha");
    long[] mask = pixels();
    assertEquals(decoded.width(), mask[0], "result width");
    assertEquals(decoded.height(), mask[1], "result height");
    double person = (double) mask[2] / mask[4];
    assertTrue(person > 0.05 && person < 0.95, "mask foreground fraction " + person);
    assertEquals(decoded.width() + " × " + decoded.height() + " px", text("size"));
    assertTrue(text("box").matches("left \\d+, top \\d+, \\d+ × \\d+ px \\(.*% foreground\\)"), text("box"));
    assertTrue(text("latency").matches("\\d+ ms"), text("latency"));
    assertTrue(text("timings").matches(".*\\d ms.*"), text("timings"));
    // The model and the mask's confidence: what the API itself answers for this photo.
    HttpResponse<String> direct = HTTP.send(HttpRequest.newBuilder(URI.create(base(server) + "/v1/segment"))
        .header("Content-Type", "image/jpeg").POST(HttpRequest.BodyPublishers.ofFile(photo)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(200, direct.statusCode(), direct.body());
    assertEquals(direct.headers().firstValue("X-Model").orElseThrow(), text("model"));
    double confidence = Double.parseDouble(direct.headers().firstValue("X-Mask-Confidence").orElseThrow());
    assertTrue(confidence > 0.5, "a photo of a person: " + confidence);
    // The header has four decimals, the page three.
    assertTrue(text("confidence").matches("[01]\\.\\d{3}"), text("confidence"));
    assertEquals(confidence, Double.parseDouble(text("confidence")), 0.00051 + 0.00005);
    String href = driver.findElement(By.id("download")).getAttribute("href");
    assertTrue(href.startsWith("data:image/png;base64,"), href.substring(0, Math.min(40, href.length())));

    // The cut-out: transparent around the person, opaque on the person, shown on a checkerboard.
    segment("rgba");
    long[] cutout = pixels();
    assertEquals(decoded.width(), cutout[0]);
    assertEquals(decoded.height(), cutout[1]);
    double transparent = (double) cutout[3] / cutout[4];
    assertTrue(transparent > 0.05 && transparent < 0.95, "cut-out transparent fraction " + transparent);
    assertTrue(driver.findElement(By.id("after-box")).getAttribute("class").contains("checker"));
    Path shot = Path.of("target", "demo-page.png");
    Files.createDirectories(shot.getParent());
    Files.copy(((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath(), shot,
        StandardCopyOption.REPLACE_EXISTING);

    // A background colour: an opaque composite at the same size.
    segment("color");
    long[] composite = pixels();
    assertEquals(decoded.width(), composite[0]);
    assertEquals(0, composite[3], "a composite has no transparent pixels");
  }

  @Test
  void showsApiErrorsAsReadableMessages() throws Exception {
    Path notAPhoto = Files.createTempFile(profile, "notes", ".jpg");
    Files.writeString(notAPhoto, "this is a text file, not a photo\n", StandardCharsets.UTF_8);
    // What the API itself answers for these bytes: the page must show that code and message.
    HttpResponse<String> direct = HTTP.send(HttpRequest.newBuilder(URI.create(base(server) + "/v1/segment"))
        .header("Content-Type", "image/jpeg").POST(HttpRequest.BodyPublishers.ofFile(notAPhoto)).build(),
        HttpResponse.BodyHandlers.ofString());
    Matcher m = Pattern.compile("\"code\":\"([A-Z_]+)\",\"message\":\"([^\"]+)\"").matcher(direct.body());
    assertTrue(direct.statusCode() >= 400 && m.find(), direct.body());

    driver.get(base(server) + "/");
    upload(notAPhoto);
    submitAndWait();
    assertEquals("error", state());
    String error = text("error");
    assertEquals("Error " + direct.statusCode() + " " + m.group(1) + ": " + m.group(2), error);
    assertTrue(driver.findElement(By.id("error")).isDisplayed());

    // Nothing chosen: the page says so without calling the API.
    driver.get(base(server) + "/");
    submitAndWait();
    assertEquals("Choose a photo or give its URL.", text("error"));
  }

  @Test
  void worksWithApiKeys() throws Exception {
    HumansegServer keyed = startServer(new ServerConfig("127.0.0.1", 0).withApiKeys(Set.of("demo-key")));
    try {
      driver.get(base(keyed) + "/");
      upload(photo);
      submitAndWait();
      assertEquals("error", state());
      assertTrue(text("error").startsWith("Error 401 UNAUTHORIZED: "), text("error"));

      driver.findElement(By.id("api-key")).sendKeys("demo-key");
      submitAndWait();
      assertEquals("done", state(), text("error"));
      assertEquals(decoded.width(), pixels()[0]);
      // Kept in the browser for the next visit.
      driver.navigate().refresh();
      assertEquals("demo-key", driver.findElement(By.id("api-key")).getAttribute("value"));
      assertEquals("demo-key", js("return localStorage.getItem('humanseg.apiKey');"));
    } finally {
      keyed.close();
    }
  }

  private static void segment(String output) {
    new Select(driver.findElement(By.id("output"))).selectByValue(output);
    if (driver.findElement(By.id("file")).getAttribute("value").isEmpty()) {
      upload(photo);
    }
    submitAndWait();
    assertEquals("done", state(), () -> text("error"));
  }

  private static void upload(Path file) {
    driver.findElement(By.id("file")).sendKeys(file.toAbsolutePath().toString());
  }

  private static void submitAndWait() {
    js("document.body.dataset.state = 'submitted';");
    driver.findElement(By.id("submit")).click();
    new WebDriverWait(driver, Duration.ofSeconds(90))
        .until(d -> List.of("done", "error").contains(state()));
  }

  private static String state() {
    return (String) js("return document.body.dataset.state;");
  }

  private static String text(String id) {
    return driver.findElement(By.id(id)).getText();
  }

  /** The result image read back through a canvas: width, height, light pixels, transparent pixels, all pixels. */
  private static long[] pixels() {
    @SuppressWarnings("unchecked")
    List<Long> v = (List<Long>) js("""
        const img = document.getElementById('result');
        const c = document.createElement('canvas');
        c.width = img.naturalWidth; c.height = img.naturalHeight;
        const g = c.getContext('2d');
        g.drawImage(img, 0, 0);
        const d = g.getImageData(0, 0, c.width, c.height).data;
        let light = 0, transparent = 0;
        for (let i = 0; i < d.length; i += 4) {
          if (d[i] > 127) light++;
          if (d[i + 3] < 128) transparent++;
        }
        return [img.naturalWidth, img.naturalHeight, light, transparent, c.width * c.height];
        """);
    return v.stream().mapToLong(Long::longValue).toArray();
  }

  private static Object js(String script) {
    return ((JavascriptExecutor) driver).executeScript(script);
  }

  private static HumansegServer startServer(ServerConfig config) throws Exception {
    return HumansegServer.start(config).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  private static String base(HumansegServer s) {
    return "http://127.0.0.1:" + s.port();
  }

  /** Headless Chromium with a fresh profile; the driver and browser are named, so nothing is downloaded. */
  private static WebDriver browser() throws IOException {
    System.setProperty("SE_AVOID_STATS", "true");
    System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
    profile = Files.createTempDirectory("humanseg-chromium");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toString());
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-background-networking", "--disable-component-update", "--no-first-run",
        "--window-size=1280,1400", "--user-data-dir=" + profile.resolve("profile"));
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
    return new ChromeDriver(service, options);
  }
}
