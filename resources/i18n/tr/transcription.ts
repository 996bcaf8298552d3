<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="tr" sourcelanguage="en">
<context>
    <name>DropZone</name>
    <message>
        <source>{number} MB</source>
        <translation>{number} MB</translation>
    </message>
    <message>
        <source>Accepted: {formats}; other audio and video ({examples}…) is converted first. Any length or size: long files are sent in parts of under {size} (Groq's upload limit) and joined into one transcript.</source>
        <translation>Kabul edilenler: {formats}; diğer ses ve video dosyaları ({examples}…) önce dönüştürülür. Uzunluk ve boyut sınırı yok: uzun dosyalar {size} altındaki parçalar hâlinde gönderilir (Groq'un yükleme sınırı) ve tek bir dökümde birleştirilir.</translation>
    </message>
    <message>
        <source>Drop audio or video files or folders here</source>
        <translation>Ses ya da video dosyalarını veya klasörleri buraya bırakın</translation>
    </message>
    <message>
        <source>…or use Add files (Ctrl+O), or record from the microphone above.</source>
        <translation>…ya da Dosya ekle'yi (Ctrl+O) kullanın veya yukarıdan mikrofonla kaydedin.</translation>
    </message>
</context>
<context>
    <name>ExportFormat</name>
    <message>
        <source>TXT</source>
        <translation>TXT</translation>
    </message>
    <message>
        <source>SRT</source>
        <translation>SRT</translation>
    </message>
    <message>
        <source>VTT</source>
        <translation>VTT</translation>
    </message>
    <message>
        <source>JSON</source>
        <translation>JSON</translation>
    </message>
    <message>
        <source>Markdown</source>
        <translation>Markdown</translation>
    </message>
</context>
<context>
    <name>HandsFreeBar</name>
    <message>
        <source>Listening… speak, then pause</source>
        <translation>Dinliyor… konuşun, sonra durun</translation>
    </message>
    <message>
        <source>Thinking…</source>
        <translation>Düşünüyor…</translation>
    </message>
    <message>
        <source>Speaking… talk to interrupt</source>
        <translation>Konuşuyor… araya girmek için konuşun</translation>
    </message>
    <message>
        <source>Hands-free is off</source>
        <translation>Eller serbest kapalı</translation>
    </message>
    <message>
        <source>Hands-free</source>
        <translation>Eller serbest</translation>
    </message>
    <message>
        <source>Talk with the model: it listens, answers aloud and listens again (Esc leaves)</source>
        <translation>Modelle konuşun: dinler, sesli yanıtlar ve yeniden dinler (Esc ile çıkılır)</translation>
    </message>
    <message>
        <source>Open a conversation first.</source>
        <translation>Önce bir sohbet açın.</translation>
    </message>
    <message>
        <source>Stopping…</source>
        <translation>Durduruluyor…</translation>
    </message>
</context>
<context>
    <name>JobTableModel</name>
    <message>
        <source>File</source>
        <translation>Dosya</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Süre</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Durum</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>İlerleme</translation>
    </message>
    <message>
        <source>Time left</source>
        <translation>Kalan süre</translation>
    </message>
    <message>
        <source>{hours} h {minutes} min</source>
        <translation>{hours} sa {minutes} dk</translation>
    </message>
    <message>
        <source>{hours} h</source>
        <translation>{hours} sa</translation>
    </message>
    <message>
        <source>{minutes} min {seconds} s</source>
        <translation>{minutes} dk {seconds} sn</translation>
    </message>
    <message>
        <source>{minutes} min</source>
        <translation>{minutes} dk</translation>
    </message>
    <message>
        <source>{seconds} s</source>
        <translation>{seconds} sn</translation>
    </message>
    <message>
        <source>{percent} %</source>
        <translation>%{percent}</translation>
    </message>
    <message>
        <source>Time left, from the speed of recent chunks and any quota wait; “…” until the first chunk is back</source>
        <translation>Kalan süre: son parçaların hızından ve kota beklemesinden hesaplanır; ilk parça dönene kadar “…”</translation>
    </message>
    <message>
        <source>Waiting for quota: {wait}</source>
        <translation>Kota bekleniyor: {wait}</translation>
    </message>
</context>
<context>
    <name>LanguageNames</name>
    <message>
        <source>English</source>
        <translation>İngilizce</translation>
    </message>
    <message>
        <source>German</source>
        <translation>Almanca</translation>
    </message>
    <message>
        <source>French</source>
        <translation>Fransızca</translation>
    </message>
    <message>
        <source>Spanish</source>
        <translation>İspanyolca</translation>
    </message>
    <message>
        <source>Italian</source>
        <translation>İtalyanca</translation>
    </message>
    <message>
        <source>Portuguese</source>
        <translation>Portekizce</translation>
    </message>
    <message>
        <source>Dutch</source>
        <translation>Felemenkçe</translation>
    </message>
    <message>
        <source>Polish</source>
        <translation>Lehçe</translation>
    </message>
    <message>
        <source>Russian</source>
        <translation>Rusça</translation>
    </message>
    <message>
        <source>Ukrainian</source>
        <translation>Ukraynaca</translation>
    </message>
    <message>
        <source>Turkish</source>
        <translation>Türkçe</translation>
    </message>
    <message>
        <source>Arabic</source>
        <translation>Arapça</translation>
    </message>
    <message>
        <source>Hindi</source>
        <translation>Hintçe</translation>
    </message>
    <message>
        <source>Japanese</source>
        <translation>Japonca</translation>
    </message>
    <message>
        <source>Korean</source>
        <translation>Korece</translation>
    </message>
    <message>
        <source>Chinese</source>
        <translation>Çince</translation>
    </message>
</context>
<context>
    <name>LevelMeter</name>
    <message>
        <source>Microphone level</source>
        <translation>Mikrofon seviyesi</translation>
    </message>
</context>
<context>
    <name>MicButton</name>
    <message>
        <source>Dictate</source>
        <translation>Dikte et</translation>
    </message>
    <message>
        <source>Dictate into the message (Ctrl+Shift+M): hold to talk, release to stop. The text is not sent.</source>
        <translation>Mesaja dikte edin (Ctrl+Shift+M): konuşmak için basılı tutun, durdurmak için bırakın. Metin gönderilmez.</translation>
    </message>
    <message>
        <source>Dictate into the message (Ctrl+Shift+M): press to start, press again to stop. The text is not sent.</source>
        <translation>Mesaja dikte edin (Ctrl+Shift+M): başlatmak için basın, durdurmak için yeniden basın. Metin gönderilmez.</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Durdur</translation>
    </message>
    <message>
        <source>Stop and put the text into the message (Ctrl+Shift+M)</source>
        <translation>Durdur ve metni mesaja ekle (Ctrl+Shift+M)</translation>
    </message>
    <message>
        <source>Listening…</source>
        <translation>Dinliyor…</translation>
    </message>
    <message>
        <source>Transcribing…</source>
        <translation>Yazıya dökülüyor…</translation>
    </message>
    <message>
        <source>Dictation failed: {error}</source>
        <translation>Dikte başarısız oldu: {error}</translation>
    </message>
</context>
<context>
    <name>OptionsWidget</name>
    <message>
        <source>Detect automatically</source>
        <translation>Otomatik algıla</translation>
    </message>
    <message>
        <source>Segments</source>
        <translation>Bölümler</translation>
    </message>
    <message>
        <source>Words</source>
        <translation>Sözcükler</translation>
    </message>
    <message>
        <source>Segments and words</source>
        <translation>Bölümler ve sözcükler</translation>
    </message>
    <message>
        <source>On demand</source>
        <translation>İsteğe bağlı</translation>
    </message>
    <message>
        <source>Flex</source>
        <translation>Flex</translation>
    </message>
    <message>
        <source>Automatic</source>
        <translation>Otomatik</translation>
    </message>
    <message>
        <source>Translation (to English) needs whisper-large-v3; the turbo model only transcribes.</source>
        <translation>Çeviri (İngilizceye) için whisper-large-v3 gerekir; turbo model yalnızca yazıya döker.</translation>
    </message>
    <message>
        <source>Speech-to-text model used for new jobs</source>
        <translation>Yeni işlerde kullanılan konuşmadan metne modeli</translation>
    </message>
    <message>
        <source>&amp;Model</source>
        <translation>&amp;Model</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Dil</translation>
    </message>
    <message>
        <source>Transcribe</source>
        <translation>Yazıya dök</translation>
    </message>
    <message>
        <source>Translate to English</source>
        <translation>İngilizceye çevir</translation>
    </message>
    <message>
        <source>T&amp;ask</source>
        <translation>&amp;Görev</translation>
    </message>
    <message>
        <source>Spelling hints: names, terms (optional)</source>
        <translation>Yazım ipuçları: adlar, terimler (isteğe bağlı)</translation>
    </message>
    <message>
        <source>&amp;Prompt</source>
        <translation>&amp;İstem</translation>
    </message>
    <message>
        <source>T&amp;emperature</source>
        <translation>&amp;Sıcaklık</translation>
    </message>
    <message>
        <source>T&amp;imestamps</source>
        <translation>&amp;Zaman damgaları</translation>
    </message>
    <message>
        <source>On demand: the standard tier · Flex: 10x the limits, may be refused when Groq is busy · Automatic: Flex when there is room</source>
        <translation>İsteğe bağlı: standart katman · Flex: 10 kat sınır, Groq yoğunken reddedilebilir · Otomatik: yer varsa Flex</translation>
    </message>
    <message>
        <source>Service &amp;tier</source>
        <translation>Hizmet &amp;katmanı</translation>
    </message>
    <message>
        <source>No automatic export</source>
        <translation>Otomatik dışa aktarma yok</translation>
    </message>
    <message>
        <source>Finished transcripts are written here in the ticked formats</source>
        <translation>Biten dökümler işaretli biçimlerde buraya yazılır</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Seç…</translation>
    </message>
    <message>
        <source>Choose the folder for automatic exports</source>
        <translation>Otomatik dışa aktarma klasörünü seçin</translation>
    </message>
    <message>
        <source>Auto-e&amp;xport to</source>
        <translation>Otomatik a&amp;ktarım</translation>
    </message>
    <message>
        <source>Formats</source>
        <translation>Biçimler</translation>
    </message>
    <message>
        <source>Default</source>
        <translation>Varsayılan</translation>
    </message>
    <message>
        <source>Auto-export transcripts to</source>
        <translation>Dökümlerin otomatik dışa aktarılacağı yer</translation>
    </message>
</context>
<context>
    <name>QtMicrophone</name>
    <message>
        <source>No microphone was found.</source>
        <translation>Mikrofon bulunamadı.</translation>
    </message>
    <message>
        <source>Connect a microphone (or choose one in the system's sound settings).</source>
        <translation>Bir mikrofon bağlayın (ya da sistemin ses ayarlarından birini seçin).</translation>
    </message>
    <message>
        <source>The system does not let Groq Desktop use the microphone.</source>
        <translation>Sistem, Groq Desktop'ın mikrofonu kullanmasına izin vermiyor.</translation>
    </message>
    <message>
        <source>Allow microphone access for this app in the system's privacy settings.</source>
        <translation>Sistemin gizlilik ayarlarında bu uygulamaya mikrofon erişimi verin.</translation>
    </message>
    <message>
        <source>The microphone could not be opened ({error}).</source>
        <translation>Mikrofon açılamadı ({error}).</translation>
    </message>
    <message>
        <source>Another app may be using it, or access was refused.</source>
        <translation>Başka bir uygulama kullanıyor olabilir ya da erişim reddedildi.</translation>
    </message>
</context>
<context>
    <name>QtSpeaker</name>
    <message>
        <source>No audio output was found.</source>
        <translation>Ses çıkışı bulunamadı.</translation>
    </message>
    <message>
        <source>Connect speakers or headphones.</source>
        <translation>Hoparlör ya da kulaklık bağlayın.</translation>
    </message>
</context>
<context>
    <name>ReadAloudBar</name>
    <message>
        <source>Save audio</source>
        <translation>Sesi kaydet</translation>
    </message>
    <message>
        <source>WAV audio (*.wav)</source>
        <translation>WAV sesi (*.wav)</translation>
    </message>
    <message>
        <source>Finished reading.</source>
        <translation>Okuma bitti.</translation>
    </message>
    <message>
        <source>Stopped.</source>
        <translation>Durduruldu.</translation>
    </message>
    <message>
        <source>Text to speech is the scarcest quota: on the free plan about 100 requests a day of up to 200 characters each. Replies already read are cached and replay for free.</source>
        <translation>Metinden konuşmaya en kıt kotadır: ücretsiz planda günde yaklaşık 100 istek, her biri en çok 200 karakter. Daha önce okunan yanıtlar önbelleğe alınır ve ücretsiz yeniden çalınır.</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Duraklat</translation>
    </message>
    <message>
        <source>Next sentence</source>
        <translation>Sonraki cümle</translation>
    </message>
    <message>
        <source>Stop reading (Esc)</source>
        <translation>Okumayı durdur (Esc)</translation>
    </message>
    <message>
        <source>Voice</source>
        <translation>Ses</translation>
    </message>
    <message>
        <source>Hear a sample of this voice (one request, then cached)</source>
        <translation>Bu sesten bir örnek dinleyin (bir istek, sonra önbellekten)</translation>
    </message>
    <message>
        <source>Save the whole reply as one audio file (cached parts cost nothing)</source>
        <translation>Yanıtın tamamını tek ses dosyası olarak kaydedin (önbellekteki parçalar ücretsizdir)</translation>
    </message>
    <message>
        <source>[cheerful]</source>
        <comment>a vocal direction the speech model understands</comment>
        <translation>[cheerful]</translation>
    </message>
    <message>
        <source>A vocal direction in brackets, on models that take them</source>
        <translation>Köşeli parantez içinde bir ses yönergesi (İngilizce), destekleyen modellerde</translation>
    </message>
    <message>
        <source>The audio was not saved: {error}</source>
        <translation>Ses kaydedilmedi: {error}</translation>
    </message>
    <message>
        <source>Saved {name}</source>
        <translation>{name} kaydedildi</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Sürdür</translation>
    </message>
    <message>
        <source>Read aloud</source>
        <translation>Sesli oku</translation>
    </message>
    <message>
        <source>Fetching speech…</source>
        <translation>Konuşma alınıyor…</translation>
    </message>
    <message>
        <source>Reading aloud</source>
        <translation>Sesli okunuyor</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>Duraklatıldı</translation>
    </message>
    <message>
        <source>Reading ended.</source>
        <translation>Okuma sona erdi.</translation>
    </message>
</context>
<context>
    <name>RecordWidget</name>
    <message>
        <source>Record from the microphone and transcribe while you speak; the recording is kept</source>
        <translation>Mikrofondan kaydedin ve siz konuşurken yazıya dökülsün; kayıt saklanır</translation>
    </message>
    <message>
        <source>The transcript appears here a few seconds behind you…</source>
        <translation>Döküm birkaç saniye geriden burada görünür…</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>Kayda başla</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Durdur</translation>
    </message>
    <message>
        <source>Recording…</source>
        <translation>Kaydediliyor…</translation>
    </message>
    <message>
        <source>Transcribing the rest…</source>
        <translation>Kalanı yazıya dökülüyor…</translation>
    </message>
    <message>
        <source>The recording is kept; transcribing it failed: {error}</source>
        <translation>Kayıt saklandı; yazıya dökme başarısız oldu: {error}</translation>
    </message>
</context>
<context>
    <name>TranscriptView</name>
    <message>
        <source>Select a finished job to see its transcript</source>
        <translation>Dökümünü görmek için biten bir iş seçin</translation>
    </message>
    <message>
        <source>{start} – {end}: click to play from here</source>
        <translation>{start} – {end}: buradan çalmak için tıklayın</translation>
    </message>
    <message>
        <source>Search the transcript (Ctrl+F)</source>
        <translation>Dökümde ara (Ctrl+F)</translation>
    </message>
    <message>
        <source>Copy all</source>
        <translation>Tümünü kopyala</translation>
    </message>
    <message>
        <source>Copy the whole transcript as text (Ctrl+Shift+C)</source>
        <translation>Dökümün tamamını metin olarak kopyala (Ctrl+Shift+C)</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Durdur</translation>
    </message>
    <message>
        <source>Stop playback</source>
        <translation>Çalmayı durdur</translation>
    </message>
    <message>
        <source>Export:</source>
        <translation>Dışa aktar:</translation>
    </message>
    <message>
        <source>Save this transcript as {format}</source>
        <translation>Bu dökümü {format} olarak kaydet</translation>
    </message>
    <message numerus="yes">
        <source>%n segments</source>
        <translation>
            <numerusform>%n bölüm</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{found} of %n segments</source>
        <translation>
            <numerusform>%n bölümden {found}</numerusform>
        </translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Duraklat</translation>
    </message>
    <message>
        <source>Pause playback</source>
        <translation>Çalmayı duraklat</translation>
    </message>
    <message>
        <source>Play</source>
        <translation>Oynat</translation>
    </message>
    <message>
        <source>Play the audio from the selected segment, or from the start; click a segment to jump</source>
        <translation>Sesi seçili bölümden ya da baştan çalın; atlamak için bir bölüme tıklayın</translation>
    </message>
    <message>
        <source>The audio file is no longer there.</source>
        <translation>Ses dosyası artık yerinde değil.</translation>
    </message>
    <message>
        <source>Playing from {time}</source>
        <translation>{time} konumundan çalınıyor</translation>
    </message>
    <message>
        <source>Cannot play the audio: {error}</source>
        <translation>Ses çalınamıyor: {error}</translation>
    </message>
    <message>
        <source>Cannot play this file.</source>
        <translation>Bu dosya çalınamıyor.</translation>
    </message>
    <message>
        <source>Finished playing</source>
        <translation>Çalma bitti</translation>
    </message>
    <message>
        <source>playback error</source>
        <translation>çalma hatası</translation>
    </message>
</context>
<context>
    <name>TranscriptionPanel</name>
    <message>
        <source>Audio and video ({patterns});;All files (*)</source>
        <translation>Ses ve video ({patterns});;Tüm dosyalar (*)</translation>
    </message>
    <message>
        <source>Transcribe files</source>
        <translation>Dosyaları yazıya dök</translation>
    </message>
    <message>
        <source>Export as {format}</source>
        <translation>{format} olarak dışa aktar</translation>
    </message>
    <message>
        <source>Export selected transcripts to</source>
        <translation>Seçili dökümlerin dışa aktarılacağı yer</translation>
    </message>
    <message>
        <source>Remove “{name}” from the queue? Its transcript is deleted; files you exported are kept.</source>
        <translation>“{name}” kuyruktan kaldırılsın mı? Dökümü silinir; dışa aktardığınız dosyalar kalır.</translation>
    </message>
    <message numerus="yes">
        <source>Remove %n finished jobs from the queue? Their transcripts are deleted; files you exported are kept.</source>
        <translation>
            <numerusform>Biten %n iş kuyruktan kaldırılsın mı? Dökümleri silinir; dışa aktardığınız dosyalar kalır.</numerusform>
        </translation>
    </message>
    <message>
        <source>Remove transcripts</source>
        <translation>Dökümleri kaldır</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Kaldır</translation>
    </message>
    <message numerus="yes">
        <source>%n done</source>
        <translation>
            <numerusform>%n tamamlandı</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n failed</source>
        <translation>
            <numerusform>%n başarısız</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n cancelled</source>
        <translation>
            <numerusform>%n iptal edildi</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n rejected</source>
        <translation>
            <numerusform>%n reddedildi</numerusform>
        </translation>
    </message>
    <message>
        <source>Queue</source>
        <translation>Kuyruk</translation>
    </message>
    <message>
        <source>Options for new jobs</source>
        <translation>Yeni işlerin seçenekleri</translation>
    </message>
    <message>
        <source>Add files…</source>
        <translation>Dosya ekle…</translation>
    </message>
    <message>
        <source>Choose audio or video files (Ctrl+O)</source>
        <translation>Ses ya da video dosyaları seçin (Ctrl+O)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>İptal</translation>
    </message>
    <message>
        <source>Cancel the selected jobs</source>
        <translation>Seçili işleri iptal et</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>Yeniden dene</translation>
    </message>
    <message>
        <source>Run failed or cancelled jobs again</source>
        <translation>Başarısız ya da iptal edilen işleri yeniden çalıştır</translation>
    </message>
    <message>
        <source>Remove the selected jobs</source>
        <translation>Seçili işleri kaldır</translation>
    </message>
    <message>
        <source>Move up</source>
        <translation>Yukarı taşı</translation>
    </message>
    <message>
        <source>Move up the queue</source>
        <translation>Kuyrukta yukarı taşı</translation>
    </message>
    <message>
        <source>Move down</source>
        <translation>Aşağı taşı</translation>
    </message>
    <message>
        <source>Move down the queue</source>
        <translation>Kuyrukta aşağı taşı</translation>
    </message>
    <message>
        <source>Pause or resume the whole queue</source>
        <translation>Tüm kuyruğu duraklat ya da sürdür</translation>
    </message>
    <message>
        <source>Export selected…</source>
        <translation>Seçilenleri dışa aktar…</translation>
    </message>
    <message>
        <source>Export the selected finished jobs to a folder</source>
        <translation>Seçili biten işleri bir klasöre aktar</translation>
    </message>
    <message>
        <source>Run a prompt over these…</source>
        <translation>Bunlar üzerinde istem çalıştır…</translation>
    </message>
    <message>
        <source>Use the selected finished transcripts as the inputs of a bulk job</source>
        <translation>Seçili biten dökümleri bir toplu işin girdileri olarak kullan</translation>
    </message>
    <message>
        <source>{name} ({reason})</source>
        <translation>{name} ({reason})</translation>
    </message>
    <message numerus="yes">
        <source>{files} and %n more</source>
        <translation>
            <numerusform>{files} ve %n dosya daha</numerusform>
        </translation>
    </message>
    <message>
        <source>New jobs will use {model}.</source>
        <translation>Yeni işler {model} kullanacak.</translation>
    </message>
    <message>
        <source>{model} is not a speech-to-text model; new jobs keep {current}.</source>
        <translation>{model} bir konuşmadan metne modeli değil; yeni işler {current} ile devam eder.</translation>
    </message>
    <message>
        <source>{name}: “{model}” is not a speech model on the list, so it was retried with the current options ({current}).</source>
        <translation>{name}: “{model}” listedeki bir konuşma modeli değil, bu yüzden geçerli seçeneklerle ({current}) yeniden denendi.</translation>
    </message>
    <message>
        <source>Resume all</source>
        <translation>Tümünü sürdür</translation>
    </message>
    <message>
        <source>Pause all</source>
        <translation>Tümünü duraklat</translation>
    </message>
    <message numerus="yes">
        <source>%n files queued</source>
        <translation>
            <numerusform>%n dosya kuyruğa alındı</numerusform>
        </translation>
    </message>
    <message>
        <source>{queued}; not queued: {files}</source>
        <translation>{queued}; kuyruğa alınmayanlar: {files}</translation>
    </message>
    <message>
        <source>{name}: {status}</source>
        <translation>{name}: {status}</translation>
    </message>
    <message>
        <source>{name}: loading…</source>
        <translation>{name}: yükleniyor…</translation>
    </message>
    <message>
        <source>Export failed: {error}</source>
        <translation>Dışa aktarma başarısız oldu: {error}</translation>
    </message>
    <message>
        <source>Saved {path}</source>
        <translation>{path} kaydedildi</translation>
    </message>
    <message>
        <source>Exporting {done}/{total}…</source>
        <translation>Dışa aktarılıyor {done}/{total}…</translation>
    </message>
    <message numerus="yes">
        <source>Exported %n files to {folder}</source>
        <translation>
            <numerusform>%n dosya {folder} klasörüne aktarıldı</numerusform>
        </translation>
    </message>
    <message>
        <source>Queue finished: {counts}.</source>
        <translation>Kuyruk bitti: {counts}.</translation>
    </message>
</context>
<context>
    <name>VoiceOptionsButton</name>
    <message>
        <source>Detect</source>
        <translation>Algıla</translation>
    </message>
    <message>
        <source>Quiet room (most sensitive)</source>
        <translation>Sessiz oda (en duyarlı)</translation>
    </message>
    <message>
        <source>Normal</source>
        <translation>Normal</translation>
    </message>
    <message>
        <source>Noisy room (least sensitive)</source>
        <translation>Gürültülü oda (en az duyarlı)</translation>
    </message>
    <message>
        <source>Voice</source>
        <translation>Ses</translation>
    </message>
    <message>
        <source>Voice settings</source>
        <translation>Ses ayarları</translation>
    </message>
    <message>
        <source>&amp;Read replies as they arrive</source>
        <translation>Yanıtları geldikçe &amp;oku</translation>
    </message>
    <message>
        <source>&amp;Hold the Dictate button to talk</source>
        <translation>Konuşmak için Dikte et düğmesini &amp;basılı tut</translation>
    </message>
    <message>
        <source>Dictation &amp;language</source>
        <translation>Dikte &amp;dili</translation>
    </message>
    <message>
        <source>{seconds} s of quiet</source>
        <translation>{seconds} sn sessizlik</translation>
    </message>
    <message>
        <source>Hands-free: &amp;end of speech after</source>
        <translation>Eller serbest: konuşmanın &amp;bitişi</translation>
    </message>
    <message>
        <source>Hands-free: speech &amp;detection</source>
        <translation>Eller serbest: konuşma &amp;algılama</translation>
    </message>
</context>
</TS>
