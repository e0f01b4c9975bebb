// Drives the VS Code workbench in Chromium with playwright-core (selectors verified on VS Code 1.139).
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { ARTIFACTS, CHROMIUM, WORK } from './paths';
import { poll } from './poll';

export class Workbench {
  private shot = 0;

  private constructor(
    private readonly browser: Browser,
    readonly page: Page,
    private readonly artifacts: string,
  ) {}

  static async open(url: string, name: string): Promise<Workbench> {
    const home = join(WORK, `${name}-chromium`);
    mkdirSync(home, { recursive: true });
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      env: { ...process.env, HOME: home },
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--disable-dev-shm-usage',
      ],
    });
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    const artifacts = join(ARTIFACTS, name);
    rmSync(artifacts, { recursive: true, force: true });
    mkdirSync(artifacts, { recursive: true });
    const wb = new Workbench(browser, page, artifacts);
    await page.goto(url);
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: 60_000 });
    return wb;
  }

  /** Saves a screenshot as test-artifacts/e2e/<run>/NN-<name>.png and returns its path. */
  async screenshot(name: string): Promise<string> {
    const path = join(this.artifacts, `${String(++this.shot).padStart(2, '0')}-${name}.png`);
    await this.page.screenshot({ path });
    return path;
  }

  async openFile(name: string): Promise<void> {
    await this.page.keyboard.press('Control+P');
    const input = this.page.locator('.quick-input-widget input');
    await input.waitFor();
    await input.fill(name);
    await this.page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first().waitFor();
    await this.page.keyboard.press('Enter');
    await this.page.locator(`.tab.active[aria-label^="${name}"]`).waitFor();
    await this.page.locator('.editor-instance .monaco-editor .view-lines').first().waitFor();
  }

  /** Picks the item labelled `label` in the open quick pick. */
  async pick(label: string): Promise<void> {
    const row = this.page.locator('.quick-input-widget .quick-input-list .monaco-list-row', { hasText: label }).first();
    await row.waitFor();
    await row.click();
  }

  /** Runs a palette command by its title ("Forkspacer: Install"). */
  async runCommand(title: string): Promise<void> {
    await this.page.keyboard.press('F1');
    const input = this.page.locator('.quick-input-widget input');
    await input.waitFor();
    await input.fill(`>${title}`);
    const row = this.page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first();
    await row.waitFor();
    await this.page.keyboard.press('Enter');
  }

  /** Types a text setting's value in the Settings editor (user scope); `written` tells when it reached settings.json. */
  async setTextSetting(id: string, value: string, written: () => boolean): Promise<void> {
    await this.runCommand('Preferences: Open User Settings');
    await this.page.locator('.settings-editor').waitFor();
    // The search box keeps the last query: replace it.
    await this.page.keyboard.press('Control+A');
    await this.page.keyboard.type(id);
    const input = this.page.locator(`.settings-editor input[aria-label="${id}"]`);
    await input.waitFor();
    await input.fill(value);
    await this.page.keyboard.press('Enter');
    try {
      await poll(`${id} = ${value} in settings.json`, written);
    } finally {
      // VS Code may show Settings as a modal editor: it must not stay over the workbench whatever happened.
      await this.page.keyboard.press('Escape');
      if (await this.page.locator('.settings-editor').isVisible()) await this.page.keyboard.press('Control+W');
      await this.page.locator('.settings-editor').waitFor({ state: 'detached' });
    }
  }

  async showProblems(): Promise<void> {
    if (!(await this.page.locator('.markers-panel').isVisible())) await this.page.keyboard.press('Control+Shift+M');
    await this.page.locator('.markers-panel').waitFor();
  }

  async problemRows(): Promise<string[]> {
    return this.page.locator('.markers-panel .monaco-list-row').allInnerTexts();
  }

  /** Moves the cursor to a 1-based line and column with "Go to Line/Column". */
  async goTo(line: number, column: number): Promise<void> {
    await this.page.locator('.editor-instance .monaco-editor .view-lines').first().click();
    await this.page.keyboard.press('Control+G');
    const input = this.page.locator('.quick-input-widget input');
    await input.waitFor();
    await input.fill(`:${line}:${column}`);
    await this.page.keyboard.press('Enter');
    await input.waitFor({ state: 'hidden' });
  }

  /** The text of the open editor (from the model, via the workbench's accessibility view is brittle: read lines). */
  async editorText(): Promise<string> {
    return (await this.page.locator('.editor-instance .monaco-editor .view-lines').first().innerText()).replace(
      /\u00a0/g,
      ' ',
    );
  }

  async openView(containerTitle: string): Promise<void> {
    const title = this.page.locator('.sidebar .composite.title .title-label');
    if (
      (await title.count()) &&
      (await title.first().innerText()).trim().toLowerCase() === containerTitle.toLowerCase()
    )
      return;
    const button = this.page.locator(`.activitybar .action-item a[aria-label^="${containerTitle}"]`);
    await button.click();
    await poll(
      `the ${containerTitle} view`,
      async () => (await title.first().innerText()).trim().toLowerCase() === containerTitle.toLowerCase(),
    );
  }

  sidebarRows(): Locator {
    return this.page.locator('.sidebar .monaco-list-row');
  }

  sidebarRow(text: string): Locator {
    return this.page.locator('.sidebar .monaco-list-row', { hasText: text }).first();
  }

  /** The texts of notification toasts currently shown. */
  async notifications(): Promise<string[]> {
    return this.page.locator('.notifications-toasts .notification-toast').allInnerTexts();
  }

  async waitForNotification(pattern: RegExp, timeoutMs = 30_000): Promise<string> {
    return poll(
      `a notification matching ${pattern}`,
      async () => (await this.notifications()).find((t) => pattern.test(t)),
      timeoutMs,
    );
  }

  /** Shows the "Forkspacer" output channel and returns its visible text. */
  async outputText(): Promise<string> {
    return (await this.page.locator('.output-view .monaco-editor .view-lines').first().innerText()).replace(
      /\u00a0/g,
      ' ',
    );
  }

  async close(): Promise<void> {
    await this.browser.close();
  }
}
