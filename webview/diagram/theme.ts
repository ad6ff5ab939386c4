import type { MermaidConfig } from 'mermaid';

export type ThemeKind = 'light' | 'dark' | 'high-contrast' | 'high-contrast-light';

/** VS Code marks the webview body with the active colour theme's kind. */
export function currentThemeKind(body: HTMLElement): ThemeKind {
  const classes = body.classList;
  if (classes.contains('vscode-high-contrast-light')) return 'high-contrast-light';
  if (classes.contains('vscode-high-contrast')) return 'high-contrast';
  if (classes.contains('vscode-dark')) return 'dark';
  return 'light';
}

function cssVar(name: string, fallback: string): string {
  const value = getComputedStyle(document.body).getPropertyValue(name).trim();
  // mermaid derives shades from these, so it needs plain hex colours.
  return /^#[0-9a-f]{3,8}$/i.test(value) ? value : fallback;
}

/** mermaid settings for a theme kind; high contrast uses the theme's own colours and borders. */
export function mermaidThemeConfig(kind: ThemeKind): Pick<MermaidConfig, 'theme' | 'themeVariables'> {
  switch (kind) {
    case 'light':
      return { theme: 'default' };
    case 'dark':
      return { theme: 'dark' };
    case 'high-contrast':
    case 'high-contrast-light': {
      const dark = kind === 'high-contrast';
      const background = cssVar('--vscode-editor-background', dark ? '#000000' : '#ffffff');
      const foreground = cssVar('--vscode-editor-foreground', dark ? '#ffffff' : '#000000');
      const border = cssVar('--vscode-contrastBorder', dark ? '#6fc3df' : '#0f4a85');
      return {
        theme: 'base',
        themeVariables: {
          darkMode: dark,
          background,
          primaryColor: background,
          primaryTextColor: foreground,
          primaryBorderColor: border,
          secondaryColor: background,
          tertiaryColor: background,
          lineColor: foreground,
          textColor: foreground,
          mainBkg: background,
          nodeBorder: border,
          clusterBkg: background,
          clusterBorder: border,
          edgeLabelBackground: background,
        },
      };
    }
  }
}
