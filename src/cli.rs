//! The command line, in Russian: `metodist build`, `metodist check`, ….
//! Exit codes: 0 — success, 1 — the content has errors, 2 — wrong usage.

use crate::diagnostics::summary;
use crate::pipeline::{self, BuildOptions};
use clap::{Args, CommandFactory, FromArgMatches, Parser, Subcommand};
use std::path::PathBuf;

const HELP_TEMPLATE: &str = "\
{about}

Использование: {usage}

{all-args}{after-help}";

#[derive(Parser)]
#[command(
    name = "metodist",
    version,
    about = "metodist — генератор сайтов для методических отделов и управлений образования.\n\
             Превращает папку с файлами Markdown и YAML в готовый сайт.",
    help_template = HELP_TEMPLATE,
    override_usage = "metodist КОМАНДА [ПАРАМЕТРЫ]",
    subcommand_help_heading = "Команды",
    disable_help_subcommand = true,
    disable_help_flag = true,
    disable_version_flag = true,
    after_help = "\nПримеры:\n  metodist build                 собрать сайт из текущей папки в public/\n  metodist build --root мой-сайт собрать сайт из папки «мой-сайт»\n  metodist check                 проверить содержимое, ничего не записывая\n  metodist serve --open          показать сайт в браузере и обновлять при сохранении\n\nСправка по команде: metodist КОМАНДА --help"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
    #[arg(short = 'h', long = "help", action = clap::ArgAction::Help, help = "Показать эту справку", global = true, help_heading = "Параметры")]
    help: Option<bool>,
    #[arg(short = 'V', long = "version", action = clap::ArgAction::Version, help = "Показать версию", help_heading = "Параметры")]
    version: Option<bool>,
}

#[derive(Subcommand)]
enum Command {
    /// Собрать сайт в папку (по умолчанию public/)
    #[command(
        help_template = HELP_TEMPLATE,
        next_help_heading = "Параметры",
        override_usage = "metodist build [ПАРАМЕТРЫ]",
        after_help = "\nПример:\n  metodist build --root ~/portal --base-url https://example.ru/metod/\n\nСборка идёт во временную папку и заменяет прежний сайт только целиком:\nесли в содержимом есть ошибки, прежняя версия в public/ остаётся нетронутой."
    )]
    Build(BuildArgs),
    /// Проверить сайт: найти все ошибки, ничего не записывая
    #[command(
        help_template = HELP_TEMPLATE,
        next_help_heading = "Параметры",
        override_usage = "metodist check [ПАРАМЕТРЫ]",
        after_help = "\nПример:\n  metodist check --root ~/portal"
    )]
    Check(SiteArgs),
    /// Создать файл новой записи с нужными полями
    #[command(
        help_template = HELP_TEMPLATE,
        next_help_heading = "Параметры",
        override_usage = "metodist new ТИП \"Заголовок\" [ПАРАМЕТРЫ]",
        after_help = "\nПримеры:\n  metodist new practice \"Наставничество молодых педагогов\"\n  metodist new seminar \"Формирующее оценивание\"\n\nФайл появится в папке раздела (по [collections] в site.toml) с сегодняшней датой\nи именем из заголовка латиницей; команда напечатает его путь."
    )]
    New(NewArgs),
    /// Создать новый сайт с примерами записей всех типов
    #[command(
        help_template = HELP_TEMPLATE,
        next_help_heading = "Параметры",
        override_usage = "metodist init ПАПКА [--kind ВИД]",
        after_help = "\nПримеры:\n  metodist init мой-сайт\n  metodist init сайт-управления --kind municipal_body\n  cd мой-сайт && metodist build"
    )]
    Init(InitArgs),
    /// Показать сайт в браузере и обновлять его при каждом сохранении
    #[command(
        help_template = HELP_TEMPLATE,
        next_help_heading = "Параметры",
        override_usage = "metodist serve [ПАРАМЕТРЫ]",
        after_help = "\nПример:\n  metodist serve --root ~/portal --open\n\nСайт собирается в памяти (папка public/ не меняется) и открывается по адресу\nhttp://127.0.0.1:1111/. После сохранения любого файла страница в браузере\nобновляется сама; если в файле ошибка, она показывается прямо на странице\nи в этом окне, а сайт остаётся в последнем удачном виде. Черновики\n(draft: true) в предпросмотре видны, в build — нет. На страницах записей —\nкнопки «Редактировать» и «Создать запись»: формы для правки записей без\nтекстового редактора (только по адресу этого компьютера; см.\ndocs/redaktirovanie.md). Остановить: Ctrl+C."
    )]
    Serve(ServeArgs),
    /// Упаковать готовый сайт в один архив .zip — для хостинга, почты или флешки
    #[command(
        help_template = HELP_TEMPLATE,
        next_help_heading = "Параметры",
        override_usage = "metodist publish [ПАРАМЕТРЫ]",
        after_help = "\nПримеры:\n  metodist publish                 архив для хостинга: распакуйте его в папке сайта\n  metodist publish --offline       архив для флешки: распакуйте и откройте index.html\n  metodist publish -o сайт.zip\n\nАрхив собирается заново из содержимого; папка public/ при этом не меняется.\nЕсли в содержимом есть ошибки, архив не создаётся, а прежний остаётся как был."
    )]
    Publish(PublishArgs),
    /// Тема оформления: выгрузить встроенную тему, чтобы менять её целиком
    #[command(
        help_template = HELP_TEMPLATE,
        next_help_heading = "Параметры",
        override_usage = "metodist theme eject [ПАРАМЕТРЫ]",
        subcommand_help_heading = "Команды",
        after_help = "\nТема по умолчанию встроена в программу: папка themes/ сайту не нужна.\nЧтобы изменить один шаблон или стиль, положите только этот файл в\nthemes/default/ (например, themes/default/static/css/site.css) или шаблон\nв templates/ — остальное возьмётся из встроенной темы.\n\nПример:\n  metodist theme eject --root ~/portal"
    )]
    Theme {
        #[command(subcommand)]
        command: ThemeCommand,
    },
}

#[derive(Subcommand)]
enum ThemeCommand {
    /// Записать все файлы встроенной темы в themes/default/ (свои файлы сайта не заменяются)
    #[command(
        help_template = HELP_TEMPLATE,
        next_help_heading = "Параметры",
        override_usage = "metodist theme eject [ПАРАМЕТРЫ]"
    )]
    Eject(RootArgs),
}

#[derive(Args)]
struct RootArgs {
    /// Папка сайта; по умолчанию текущая
    #[arg(
        long,
        value_name = "ПАПКА",
        default_value = ".",
        hide_default_value = true
    )]
    root: PathBuf,
}

#[derive(Args)]
struct NewArgs {
    /// Тип записи (список ниже)
    #[arg(value_name = "ТИП")]
    kind: String,
    /// Заголовок записи
    #[arg(value_name = "ЗАГОЛОВОК")]
    title: String,
    /// Папка сайта; по умолчанию текущая
    #[arg(
        long,
        value_name = "ПАПКА",
        default_value = ".",
        hide_default_value = true
    )]
    root: PathBuf,
}

#[derive(Args)]
struct InitArgs {
    /// Папка нового сайта (не должна существовать или должна быть пустой)
    #[arg(value_name = "ПАПКА")]
    dir: PathBuf,
    /// Чей сайт: educational_organisation — отдел в составе образовательной организации (раздел
    /// «Сведения об образовательной организации»); municipal_body — орган управления образованием
    /// (информация о деятельности по 8-ФЗ)
    #[arg(
        long,
        value_name = "ВИД",
        default_value = "educational_organisation",
        value_parser = ["educational_organisation", "municipal_body"]
    )]
    kind: String,
}

/// Options shared by every command that builds the site.
#[derive(Args, Clone)]
pub struct SiteArgs {
    /// Папка сайта (в ней site.toml, content/ и themes/); по умолчанию текущая
    #[arg(
        long,
        value_name = "ПАПКА",
        default_value = ".",
        hide_default_value = true
    )]
    pub root: PathBuf,
    /// Адрес сайта вместо base_url из site.toml
    #[arg(long, value_name = "АДРЕС")]
    pub base_url: Option<String>,
    /// Включить черновики (страницы с draft: true)
    #[arg(long)]
    pub drafts: bool,
    /// Относительные ссылки: сайт откроется с диска или флешки без сервера
    #[arg(long)]
    pub offline: bool,
}

impl SiteArgs {
    pub fn options(&self) -> BuildOptions {
        BuildOptions {
            root: self.root.clone(),
            base_url: self.base_url.clone(),
            drafts: self.drafts,
            offline: self.offline.then_some(true),
            origin: None,
            progress: false,
            candidate: None,
        }
    }
}

#[derive(Args)]
struct BuildArgs {
    #[command(flatten)]
    site: SiteArgs,
    /// Папка для готового сайта (по умолчанию public внутри папки сайта)
    #[arg(long, short, value_name = "ПАПКА")]
    output: Option<PathBuf>,
    /// Выводить только ошибки
    #[arg(long, short)]
    quiet: bool,
    /// Заменить сайтом содержимое папки вывода, даже если в ней есть файлы,
    /// которые записал не metodist (без этого такая папка не трогается)
    #[arg(long)]
    force: bool,
}

#[derive(Args)]
struct PublishArgs {
    #[command(flatten)]
    site: SiteArgs,
    /// Файл архива; по умолчанию ИМЯ-ПАПКИ-САЙТА-ГГГГ-ММ-ДД.zip в папке сайта
    #[arg(long, short, value_name = "ФАЙЛ")]
    output: Option<PathBuf>,
    /// Выводить только ошибки
    #[arg(long, short)]
    quiet: bool,
}

#[derive(Args)]
struct ServeArgs {
    #[command(flatten)]
    site: SiteArgs,
    /// Порт, по умолчанию 1111; если он занят, берётся следующий свободный (0 — любой свободный)
    #[arg(
        long,
        short,
        value_name = "ПОРТ",
        default_value_t = 1111,
        hide_default_value = true
    )]
    port: u16,
    /// Сетевой адрес сервера: по умолчанию 127.0.0.1 — сайт виден только на этом
    /// компьютере; 0.0.0.0 — и другим компьютерам сети
    #[arg(
        long,
        short,
        value_name = "АДРЕС",
        default_value = "127.0.0.1",
        hide_default_value = true
    )]
    interface: std::net::IpAddr,
    /// Открыть сайт в браузере
    #[arg(long, short = 'O')]
    open: bool,
    /// Проверять изменения опросом раз в МС миллисекунд (по умолчанию 500) —
    /// для сетевых папок, WSL и флешек, где не работают системные уведомления
    #[arg(long, value_name = "МС", num_args = 0..=1, default_missing_value = "500")]
    poll: Option<u64>,
    /// Сколько ждать после последнего изменения перед пересборкой, мс (по умолчанию 100)
    #[arg(
        long,
        value_name = "МС",
        default_value_t = 100,
        hide_default_value = true
    )]
    debounce: u64,
}

/// The command line, with the type list of `new --help` from the registry.
fn command() -> clap::Command {
    let types: Vec<String> = crate::types::TYPES
        .iter()
        .map(|t| match t.aliases().iter().find(|a| !a.is_ascii()) {
            Some(a) => format!("{} ({a})", t.name()),
            None => t.name().to_string(),
        })
        .collect();
    Cli::command().mut_subcommand("new", |c| {
        let help = c
            .get_after_help()
            .map(|h| h.to_string())
            .unwrap_or_default();
        c.after_help(format!("\nТипы: {}.\n{help}", wrap(&types.join(", "), 78)))
    })
}

/// Breaks a comma-separated list into lines of at most `width` characters.
fn wrap(text: &str, width: usize) -> String {
    let mut out = String::new();
    let mut line = 0;
    for word in text.split(' ') {
        let n = word.chars().count();
        if line > 0 && line + 1 + n > width - 6 {
            out.push('\n');
            line = 0;
        } else if line > 0 {
            out.push(' ');
            line += 1;
        }
        out.push_str(word);
        line += n;
    }
    out
}

/// Runs the command line and returns the process exit code.
pub fn run() -> i32 {
    let matches = match command().try_get_matches() {
        Ok(m) => m,
        Err(e) => return usage_error(e),
    };
    let cli = match Cli::from_arg_matches(&matches) {
        Ok(c) => c,
        Err(e) => return usage_error(e),
    };
    match cli.command {
        Command::Build(args) => run_build(args),
        Command::Check(args) => run_check(args),
        Command::New(args) => run_new(args),
        Command::Init(args) => run_init(args),
        Command::Publish(args) => run_publish(args),
        Command::Theme {
            command: ThemeCommand::Eject(args),
        } => run_eject(args),
        Command::Serve(args) => crate::serve::run(crate::serve::ServeOptions {
            build: args.site.options(),
            interface: args.interface,
            port: args.port,
            open: args.open,
            poll: args
                .poll
                .map(|ms| std::time::Duration::from_millis(ms.max(10))),
            debounce: std::time::Duration::from_millis(args.debounce),
        }),
    }
}

fn run_new(args: NewArgs) -> i32 {
    let today = chrono::Local::now().date_naive();
    match crate::types::scaffold::new_entry(&args.root, &args.kind, &args.title, today) {
        Ok(path) => {
            println!(
                "{}",
                path.strip_prefix(&args.root).unwrap_or(&path).display()
            );
            0
        }
        Err(message) => {
            eprintln!("ошибка: {message}");
            2
        }
    }
}

fn run_init(args: InitArgs) -> i32 {
    let kind = match args.kind.as_str() {
        "municipal_body" => crate::config::SiteKind::MunicipalBody,
        _ => crate::config::SiteKind::EducationalOrganisation,
    };
    match crate::types::scaffold::init_site(&args.dir, kind) {
        Ok(n) => {
            println!(
                "Создан сайт в «{}» ({}). Дальше: cd {} && metodist build",
                args.dir.display(),
                crate::ru::plural::plural_ru(n as f64, "файл", "файла", "файлов"),
                args.dir.display()
            );
            0
        }
        Err(message) => {
            eprintln!("ошибка: {message}");
            2
        }
    }
}

/// What to do with a finished build: upload it, or open it from disk.
fn publish_hint(built: &pipeline::Built, target: &std::path::Path) -> String {
    let folder = target.display();
    if built.offline {
        return format!(
            "Сайт для флешки или сетевой папки: скопируйте папку «{folder}» целиком и откройте в ней index.html."
        );
    }
    if built.base_url.contains("://") {
        format!(
            "Чтобы опубликовать, загрузите на хостинг всё содержимое папки «{folder}»; сайт будет по адресу {}.",
            built.base_url
        )
    } else {
        format!(
            "Чтобы опубликовать, загрузите на хостинг всё содержимое папки «{folder}». Укажите в site.toml \
             настоящий адрес сайта (base_url = \"https://…/\"): без него ленты новостей и карта сайта \
             не знают адреса. Подробнее: docs/pervyi-sait.md."
        )
    }
}

fn run_publish(args: PublishArgs) -> i32 {
    let opts = args.site.options();
    let name = std::fs::canonicalize(&opts.root)
        .ok()
        .and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
        .unwrap_or_else(|| "сайт".to_string());
    let today = chrono::Local::now().format("%Y-%m-%d");
    let suffix = if args.site.offline { "-offline" } else { "" };
    let target = args
        .output
        .clone()
        .unwrap_or_else(|| opts.root.join(format!("{name}-{today}{suffix}.zip")));
    let built = match pipeline::build(&opts) {
        Ok(built) => built,
        Err(diags) => {
            crate::diagnostics::print(&diags);
            eprintln!(
                "{}\nАрхив не создан; прежний архив, если он был, не тронут.",
                summary(&diags)
            );
            return 1;
        }
    };
    if !args.quiet {
        crate::diagnostics::print(&built.warnings);
    }
    // On a stick the site is one folder beside others; on the hosting the
    // files go straight into the site's folder.
    let folder = built.offline.then_some(name.as_str());
    let size = match crate::output::archive::write_zip(&built.output, folder, &target) {
        Ok(size) => size,
        Err(message) => {
            eprintln!("ошибка: {message}");
            return 1;
        }
    };
    if !args.quiet {
        println!(
            "Готово: архив «{}» ({}, {}).",
            target.display(),
            crate::ru::numbers::file_size(size),
            crate::ru::plural::plural_ru(
                built.output.files.len() as f64,
                "файл",
                "файла",
                "файлов"
            )
        );
        if built.offline {
            println!(
                "Распакуйте его на флешку или в сетевую папку и откройте index.html в папке «{name}»."
            );
        } else {
            let address = if built.base_url.contains("://") {
                format!(" Сайт будет по адресу {}.", built.base_url)
            } else {
                " Укажите в site.toml настоящий адрес сайта (base_url = \"https://…/\")."
                    .to_string()
            };
            println!(
                "Загрузите архив в панели хостинга в папку сайта и распакуйте его там (или распакуйте \
                 у себя и загрузите содержимое по FTP).{address}"
            );
        }
    }
    0
}

fn run_eject(args: RootArgs) -> i32 {
    if !args.root.join("site.toml").is_file() {
        eprintln!(
            "ошибка: в папке «{}» нет site.toml — это не папка сайта",
            args.root.display()
        );
        return 2;
    }
    match crate::theme::eject(&args.root) {
        Ok((written, kept)) => {
            let kept = if kept > 0 {
                format!("; своих файлов сайта оставлено как есть: {kept}")
            } else {
                String::new()
            };
            println!(
                "Тема записана в themes/default/: {}{kept}. Теперь она берётся из этой папки.",
                crate::ru::plural::plural_ru(written as f64, "файл", "файла", "файлов")
            );
            0
        }
        Err(message) => {
            eprintln!("ошибка: {message}");
            2
        }
    }
}

fn usage_error(e: clap::Error) -> i32 {
    use clap::error::{ContextKind, ErrorKind};
    let arg = e
        .get(ContextKind::InvalidArg)
        .map(|a| a.to_string())
        .unwrap_or_default();
    let message = match e.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
            let _ = e.print();
            return 0;
        }
        ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand | ErrorKind::MissingSubcommand => {
            let _ = command().print_help();
            return 2;
        }
        ErrorKind::UnknownArgument => format!("неизвестный параметр «{arg}»"),
        ErrorKind::InvalidSubcommand => format!(
            "неизвестная команда «{}»",
            e.get(ContextKind::InvalidSubcommand)
                .map(|a| a.to_string())
                .unwrap_or_default()
        ),
        ErrorKind::MissingRequiredArgument => format!("не хватает обязательного параметра {arg}"),
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => {
            format!("недопустимое значение параметра {arg}")
        }
        _ => format!("неверный вызов ({})", e.kind()),
    };
    let suggestion = e
        .get(ContextKind::SuggestedSubcommand)
        .or_else(|| e.get(ContextKind::SuggestedArg))
        .map(|s| format!("\nподсказка: возможно, вы имели в виду «{s}»?"))
        .unwrap_or_default();
    eprintln!("ошибка: {message}{suggestion}\nСправка: metodist --help");
    2
}

fn run_build(args: BuildArgs) -> i32 {
    let mut opts = args.site.options();
    opts.progress = !args.quiet && std::io::IsTerminal::is_terminal(&std::io::stderr());
    let target = args
        .output
        .clone()
        .unwrap_or_else(|| opts.root.join("public"));
    let staging = match crate::write::Staging::new(&opts.root, &target, args.force) {
        Ok(s) => s,
        Err(message) => {
            eprintln!("ошибка: {message}");
            return 2;
        }
    };
    match pipeline::build_into(&opts, &staging.dir) {
        Ok(built) => {
            if !args.quiet {
                crate::diagnostics::print(&built.warnings);
            }
            if let Err(message) = staging.commit(built.output.files.keys()) {
                eprintln!("ошибка: {message}");
                return 1;
            }
            if !args.quiet {
                println!(
                    "Готово: {}, {} за {} → {}",
                    crate::ru::plural::plural_ru(
                        built.pages as f64,
                        "страница",
                        "страницы",
                        "страниц"
                    ),
                    crate::ru::plural::plural_ru(
                        built.output.files.len() as f64,
                        "файл",
                        "файла",
                        "файлов"
                    ),
                    crate::ru::numbers::seconds(built.elapsed),
                    target.display()
                );
                if built.photos > 0 {
                    println!(
                        "Фото: {}, обработано заново: {}",
                        built.photos, built.photos_encoded
                    );
                }
                println!("{}", publish_hint(&built, &target));
            }
            0
        }
        Err(diags) => {
            crate::diagnostics::print(&diags);
            eprintln!(
                "{}\nПрежняя версия сайта в «{}» не тронута.",
                summary(&diags),
                target.display()
            );
            1
        }
    }
}

fn run_check(args: SiteArgs) -> i32 {
    match pipeline::build(&args.options()) {
        Ok(built) => {
            crate::diagnostics::print(&built.warnings);
            println!(
                "Ошибок нет: {} проверено за {}.",
                crate::ru::plural::plural_ru(built.pages as f64, "страница", "страницы", "страниц"),
                crate::ru::numbers::seconds(built.elapsed)
            );
            0
        }
        Err(diags) => {
            crate::diagnostics::print(&diags);
            eprintln!("{}", summary(&diags));
            1
        }
    }
}
